/**
 * Anthropic Messages (`/v1/messages`) and legacy Text Completions (`/v1/complete`). Messages streams
 * are named SSE events: message_start (input usage), content_block_start, ping, content_block_delta…,
 * content_block_stop, message_delta (output usage), message_stop.
 */
import { contentText, splitChunks, summariseMessages, countWords } from '../text.ts';
import type { PromptSummary } from '../text.ts';
import type { MockStreamEvent } from '../types.ts';
import type { DialectSpec, ErrorReply, StreamFormat } from './dialect.ts';
import { field, stringField } from './dialect.ts';

const SSE: StreamFormat = { framing: 'sse', contentType: 'text/event-stream; charset=utf-8' };

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

function anthropicError(status: number, message: string): ErrorReply {
  return { body: { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } } };
}

const common = {
  wantsStream: (body: unknown) => field(body, 'stream') === true,
  bodyModel: (body: unknown) => stringField(body, 'model'),
  streamFormat: () => SSE,
  error: anthropicError,
};

export const anthropicMessages: DialectSpec = {
  ...common,
  summarise: (body) => summariseMessages(field(body, 'messages'), [contentText(field(body, 'system'))]),
  reply: (ctx) => ({
    id: `msg_mock_${ctx.seq}`,
    type: 'message',
    role: 'assistant',
    model: ctx.model,
    content: [{ type: 'text', text: ctx.text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: ctx.promptTokens, output_tokens: ctx.completionTokens },
  }),
  events(ctx) {
    const out: MockStreamEvent[] = [
      {
        event: 'message_start',
        data: {
          type: 'message_start',
          message: {
            id: `msg_mock_${ctx.seq}`,
            type: 'message',
            role: 'assistant',
            model: ctx.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            // The real API reports 1 output token here; the total comes in message_delta.
            usage: { input_tokens: ctx.promptTokens, output_tokens: 1 },
          },
        },
      },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
      { event: 'ping', data: { type: 'ping' } },
    ];
    for (const c of splitChunks(ctx.text)) {
      out.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: c } } });
    }
    out.push(
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      {
        event: 'message_delta',
        data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: ctx.completionTokens } },
      },
      { event: 'message_stop', data: { type: 'message_stop' } },
    );
    return out;
  },
};

/** `\n\nHuman: …\n\nAssistant:` → the last Human turn. */
function summariseHumanPrompt(prompt: unknown): PromptSummary {
  const text = typeof prompt === 'string' ? prompt : '';
  const at = text.lastIndexOf('Human:');
  let last = at === -1 ? text : text.slice(at + 'Human:'.length);
  const end = last.indexOf('Assistant:');
  if (end !== -1) last = last.slice(0, end);
  return { lastUser: last.trim(), promptWords: countWords(text.replaceAll('Human:', '').replaceAll('Assistant:', '')) };
}

export const anthropicComplete: DialectSpec = {
  ...common,
  summarise: (body) => summariseHumanPrompt(field(body, 'prompt')),
  reply: (ctx) => ({
    type: 'completion',
    id: `compl_mock_${ctx.seq}`,
    completion: ctx.text,
    stop_reason: 'stop_sequence',
    stop: '\n\nHuman:',
    model: ctx.model,
  }),
  events(ctx) {
    const id = `compl_mock_${ctx.seq}`;
    const out: MockStreamEvent[] = [];
    for (const c of splitChunks(ctx.text)) {
      out.push({ event: 'completion', data: { type: 'completion', id, completion: c, stop_reason: null, model: ctx.model } });
    }
    out.push({ event: 'completion', data: { type: 'completion', id, completion: '', stop_reason: 'stop_sequence', model: ctx.model } });
    return out;
  },
};
