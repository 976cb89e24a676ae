/**
 * Cohere v1 `/v1/chat` and `/v1/generate`. Streams are newline-delimited JSON (`application/stream+json`):
 * stream-start, text-generation…, then stream-end carrying the full response with `meta.billed_units`.
 */
import { countWords, splitChunks, summariseMessages } from '../text.ts';
import type { MockStreamEvent } from '../types.ts';
import type { DialectSpec, ReplyContext, StreamFormat } from './dialect.ts';
import { field, stringField } from './dialect.ts';

const NDJSON: StreamFormat = { framing: 'ndjson', contentType: 'application/stream+json' };

function meta(ctx: ReplyContext) {
  const units = { input_tokens: ctx.promptTokens, output_tokens: ctx.completionTokens };
  return { api_version: { version: '1' }, billed_units: units, tokens: units };
}

const common = {
  wantsStream: (body: unknown) => field(body, 'stream') === true,
  bodyModel: (body: unknown) => stringField(body, 'model'),
  streamFormat: () => NDJSON,
  error: (_status: number, message: string) => ({ body: { message } }),
};

function chatResponse(ctx: ReplyContext) {
  return {
    response_id: `mock-resp-${ctx.seq}`,
    text: ctx.text,
    generation_id: `mock-gen-${ctx.seq}`,
    finish_reason: 'COMPLETE',
    meta: meta(ctx),
  };
}

export const cohereChat: DialectSpec = {
  ...common,
  summarise(body) {
    const history = summariseMessages(field(body, 'chat_history'));
    const message = stringField(body, 'message') ?? '';
    const preamble = stringField(body, 'preamble') ?? '';
    return { lastUser: message, promptWords: history.promptWords + countWords(message) + countWords(preamble) };
  },
  reply: chatResponse,
  events(ctx) {
    const out: MockStreamEvent[] = [{ data: { is_finished: false, event_type: 'stream-start', generation_id: `mock-gen-${ctx.seq}` } }];
    for (const c of splitChunks(ctx.text)) out.push({ data: { is_finished: false, event_type: 'text-generation', text: c } });
    out.push({ data: { is_finished: true, event_type: 'stream-end', finish_reason: 'COMPLETE', response: chatResponse(ctx) } });
    return out;
  },
};

function generateResponse(ctx: ReplyContext) {
  return {
    id: `mock-gen-${ctx.seq}`,
    generations: [{ id: `mock-gen-${ctx.seq}-0`, text: ctx.text, finish_reason: 'COMPLETE' }],
    prompt: ctx.summary.lastUser,
    meta: meta(ctx),
  };
}

export const cohereGenerate: DialectSpec = {
  ...common,
  summarise(body) {
    const prompt = stringField(body, 'prompt') ?? '';
    return { lastUser: prompt, promptWords: countWords(prompt) };
  },
  reply: generateResponse,
  events(ctx) {
    const out: MockStreamEvent[] = [];
    for (const c of splitChunks(ctx.text)) out.push({ data: { text: c, is_finished: false, event_type: 'text-generation' } });
    out.push({ data: { is_finished: true, event_type: 'stream-end', finish_reason: 'COMPLETE', response: generateResponse(ctx) } });
    return out;
  },
};
