/**
 * OpenAI chat and legacy completions, also spoken by Azure, Mistral (openai format), llama2 (openai
 * format) and OpenAI-compatible servers. Streams are SSE `data:` chunks ending with `data: [DONE]`;
 * a final `choices: []` chunk carries usage only when `stream_options.include_usage` is set.
 */
import type { ProviderKind } from '../../model/index.ts';
import { summariseMessages, summariseText, splitChunks } from '../text.ts';
import type { MockStreamEvent } from '../types.ts';
import type { DialectSpec, ErrorReply, ReplyContext, StreamFormat } from './dialect.ts';
import { MOCK_EPOCH_S, field, stringField } from './dialect.ts';

const SSE: StreamFormat = { framing: 'sse', contentType: 'text/event-stream; charset=utf-8', terminator: 'data: [DONE]\n\n' };

function usage(ctx: ReplyContext) {
  return { prompt_tokens: ctx.promptTokens, completion_tokens: ctx.completionTokens, total_tokens: ctx.promptTokens + ctx.completionTokens };
}

function includeUsage(body: unknown): boolean {
  return field(field(body, 'stream_options'), 'include_usage') === true;
}

const OPENAI_TYPES: Readonly<Record<number, readonly [type: string, code: string | null]>> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['invalid_request_error', 'unsupported_country_region_territory'],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'],
};

/** OpenAI, Azure and Mistral wrap errors differently although the success bodies agree. */
function openaiError(status: number, message: string, kind: ProviderKind): ErrorReply {
  if (kind === 'azure') return { body: { error: { code: String(status), message } } };
  const [type, code] = OPENAI_TYPES[status] ?? ['server_error', null];
  if (kind === 'mistral') return { body: { object: 'error', message, type, param: null, code } };
  return { body: { error: { message, type, param: null, code } } };
}

const common = {
  wantsStream: (body: unknown) => field(body, 'stream') === true,
  bodyModel: (body: unknown) => stringField(body, 'model'),
  streamFormat: () => SSE,
  error: openaiError,
};

export const openaiChat: DialectSpec = {
  ...common,
  summarise: (body) => summariseMessages(field(body, 'messages')),
  reply: (ctx) => ({
    id: `chatcmpl-mock-${ctx.seq}`,
    object: 'chat.completion',
    created: MOCK_EPOCH_S,
    model: ctx.model,
    choices: [{ index: 0, message: { role: 'assistant', content: ctx.text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: usage(ctx),
    system_fingerprint: null,
  }),
  events(ctx) {
    const id = `chatcmpl-mock-${ctx.seq}`;
    const withUsage = includeUsage(ctx.body);
    // With include_usage every chunk says `usage: null` and one extra chunk carries the totals.
    const chunk = (choices: unknown[], u?: unknown): MockStreamEvent => ({
      data: withUsage
        ? { id, object: 'chat.completion.chunk', created: MOCK_EPOCH_S, model: ctx.model, system_fingerprint: null, choices, usage: u ?? null }
        : { id, object: 'chat.completion.chunk', created: MOCK_EPOCH_S, model: ctx.model, system_fingerprint: null, choices },
    });
    const out: MockStreamEvent[] = [chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }])];
    for (const c of splitChunks(ctx.text)) out.push(chunk([{ index: 0, delta: { content: c }, logprobs: null, finish_reason: null }]));
    out.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]));
    if (withUsage) out.push(chunk([], usage(ctx)));
    return out;
  },
};

export const openaiCompletions: DialectSpec = {
  ...common,
  summarise: (body) => summariseText(field(body, 'prompt')),
  reply: (ctx) => ({
    id: `cmpl-mock-${ctx.seq}`,
    object: 'text_completion',
    created: MOCK_EPOCH_S,
    model: ctx.model,
    choices: [{ text: ctx.text, index: 0, logprobs: null, finish_reason: 'stop' }],
    usage: usage(ctx),
  }),
  events(ctx) {
    const id = `cmpl-mock-${ctx.seq}`;
    const withUsage = includeUsage(ctx.body);
    const chunk = (choices: unknown[], u?: unknown): MockStreamEvent => ({
      data: withUsage
        ? { id, object: 'text_completion', created: MOCK_EPOCH_S, model: ctx.model, choices, usage: u ?? null }
        : { id, object: 'text_completion', created: MOCK_EPOCH_S, model: ctx.model, choices },
    });
    const out: MockStreamEvent[] = [];
    for (const c of splitChunks(ctx.text)) out.push(chunk([{ text: c, index: 0, logprobs: null, finish_reason: null }]));
    out.push(chunk([{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }]));
    if (withUsage) out.push(chunk([], usage(ctx)));
    return out;
  },
};
