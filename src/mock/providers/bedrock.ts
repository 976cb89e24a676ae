/**
 * Bedrock Converse (`/model/{id}/converse`) and ConverseStream (`/converse-stream`, AWS event-stream
 * frames): messageStart, contentBlockDelta…, contentBlockStop, messageStop, metadata (usage).
 * Errors are `{ message }` with the exception name in `x-amzn-ErrorType`, as the AWS SDKs read them.
 */
import type { MockStreamEvent } from '../types.ts';
import { contentText, splitChunks, summariseMessages } from '../text.ts';
import type { DialectSpec, ErrorReply, ReplyContext, StreamFormat } from './dialect.ts';
import { field } from './dialect.ts';

const EVENT_STREAM: StreamFormat = { framing: 'aws-eventstream', contentType: 'application/vnd.amazon.eventstream' };

const EXCEPTIONS: Readonly<Record<number, string>> = {
  400: 'ValidationException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

function bedrockError(status: number, message: string): ErrorReply {
  const name = EXCEPTIONS[status] ?? 'InternalServerException';
  return { body: { message }, headers: { 'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/` } };
}

function usage(ctx: ReplyContext) {
  return { inputTokens: ctx.promptTokens, outputTokens: ctx.completionTokens, totalTokens: ctx.promptTokens + ctx.completionTokens };
}

export const bedrockConverse: DialectSpec = {
  wantsStream: () => false,
  bodyModel: () => undefined,
  streamFormat: () => EVENT_STREAM,
  error: bedrockError,
  summarise: (body) => summariseMessages(field(body, 'messages'), [contentText(field(body, 'system'))]),
  reply: (ctx) => ({
    output: { message: { role: 'assistant', content: [{ text: ctx.text }] } },
    stopReason: 'end_turn',
    usage: usage(ctx),
    metrics: { latencyMs: 0 },
  }),
  events(ctx) {
    const out: MockStreamEvent[] = [{ event: 'messageStart', data: { role: 'assistant' } }];
    for (const c of splitChunks(ctx.text)) out.push({ event: 'contentBlockDelta', data: { contentBlockIndex: 0, delta: { text: c } } });
    out.push(
      { event: 'contentBlockStop', data: { contentBlockIndex: 0 } },
      { event: 'messageStop', data: { stopReason: 'end_turn' } },
      { event: 'metadata', data: { usage: usage(ctx), metrics: { latencyMs: 0 } } },
    );
    return out;
  },
};
