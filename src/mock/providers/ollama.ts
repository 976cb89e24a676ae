/**
 * Ollama `/api/chat` and `/api/generate` (also Mistral and llama2 in ollama format). Ollama streams
 * unless the body says `stream: false`; the stream is NDJSON ending with a `done: true` line that
 * carries `prompt_eval_count` / `eval_count`.
 */
import { countWords, splitChunks, summariseMessages } from '../text.ts';
import type { MockStreamEvent } from '../types.ts';
import type { DialectSpec, ReplyContext, StreamFormat } from './dialect.ts';
import { MOCK_EPOCH_ISO, field, stringField } from './dialect.ts';

const NDJSON: StreamFormat = { framing: 'ndjson', contentType: 'application/x-ndjson' };

/** Durations derived from counts, so they look plausible and stay deterministic. */
function counts(ctx: ReplyContext) {
  const promptNs = ctx.promptTokens * 1_000_000;
  const evalNs = ctx.completionTokens * 10_000_000;
  const loadNs = 1_000_000;
  return {
    total_duration: loadNs + promptNs + evalNs,
    load_duration: loadNs,
    prompt_eval_count: ctx.promptTokens,
    prompt_eval_duration: promptNs,
    eval_count: ctx.completionTokens,
    eval_duration: evalNs,
  };
}

const common = {
  // Ollama's default is to stream; only an explicit false turns it off.
  wantsStream: (body: unknown) => field(body, 'stream') !== false,
  bodyModel: (body: unknown) => stringField(body, 'model'),
  streamFormat: () => NDJSON,
  error: (_status: number, message: string) => ({ body: { error: message } }),
};

export const ollamaChat: DialectSpec = {
  ...common,
  summarise: (body) => summariseMessages(field(body, 'messages')),
  reply: (ctx) => ({
    model: ctx.model,
    created_at: MOCK_EPOCH_ISO,
    message: { role: 'assistant', content: ctx.text },
    done_reason: 'stop',
    done: true,
    ...counts(ctx),
  }),
  events(ctx) {
    const out: MockStreamEvent[] = [];
    for (const c of splitChunks(ctx.text)) {
      out.push({ data: { model: ctx.model, created_at: MOCK_EPOCH_ISO, message: { role: 'assistant', content: c }, done: false } });
    }
    out.push({
      data: { model: ctx.model, created_at: MOCK_EPOCH_ISO, message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, ...counts(ctx) },
    });
    return out;
  },
};

export const ollamaGenerate: DialectSpec = {
  ...common,
  summarise(body) {
    const prompt = stringField(body, 'prompt') ?? '';
    return { lastUser: prompt, promptWords: countWords(prompt) + countWords(stringField(body, 'system') ?? '') };
  },
  reply: (ctx) => ({
    model: ctx.model,
    created_at: MOCK_EPOCH_ISO,
    response: ctx.text,
    done_reason: 'stop',
    done: true,
    context: [],
    ...counts(ctx),
  }),
  events(ctx) {
    const out: MockStreamEvent[] = [];
    for (const c of splitChunks(ctx.text)) out.push({ data: { model: ctx.model, created_at: MOCK_EPOCH_ISO, response: c, done: false } });
    out.push({ data: { model: ctx.model, created_at: MOCK_EPOCH_ISO, response: '', done_reason: 'stop', done: true, context: [], ...counts(ctx) } });
    return out;
  },
};
