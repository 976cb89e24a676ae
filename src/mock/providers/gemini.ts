/**
 * Gemini `:generateContent` / `:streamGenerateContent` (Gemini API and Vertex paths). The stream is one
 * JSON array sent piecewise as `application/json` (what Kong parses incrementally), or SSE with
 * `?alt=sse`; the last element carries `finishReason` and `usageMetadata`.
 */
import type { MockStreamEvent } from '../types.ts';
import { contentText, splitChunks, summariseMessages } from '../text.ts';
import type { DialectSpec, ErrorReply, ReplyContext, StreamFormat } from './dialect.ts';
import { field } from './dialect.ts';

const ARRAY: StreamFormat = { framing: 'json-array', contentType: 'application/json; charset=UTF-8' };
const SSE: StreamFormat = { framing: 'sse', contentType: 'text/event-stream' };

const STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function geminiError(status: number, message: string): ErrorReply {
  return { body: { error: { code: status, message, status: STATUS[status] ?? 'UNKNOWN' } } };
}

function usageMetadata(ctx: ReplyContext) {
  return { promptTokenCount: ctx.promptTokens, candidatesTokenCount: ctx.completionTokens, totalTokenCount: ctx.promptTokens + ctx.completionTokens };
}

export const gemini: DialectSpec = {
  wantsStream: () => false,
  bodyModel: () => undefined,
  streamFormat: (query) => (query['alt'] === 'sse' ? SSE : ARRAY),
  error: geminiError,
  summarise(body) {
    // The REST API accepts both spellings of the system field.
    const system = field(body, 'systemInstruction') ?? field(body, 'system_instruction');
    return summariseMessages(field(body, 'contents'), [contentText(field(system, 'parts'))]);
  },
  reply: (ctx) => ({
    candidates: [{ content: { parts: [{ text: ctx.text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: usageMetadata(ctx),
    modelVersion: ctx.model,
    responseId: `mock-${ctx.seq}`,
  }),
  events(ctx) {
    const chunks = splitChunks(ctx.text);
    const out: MockStreamEvent[] = [];
    chunks.forEach((c, i) => {
      const content = { parts: [{ text: c }], role: 'model' };
      const last = i === chunks.length - 1;
      out.push({
        data: last
          ? { candidates: [{ content, finishReason: 'STOP', index: 0 }], usageMetadata: usageMetadata(ctx), modelVersion: ctx.model, responseId: `mock-${ctx.seq}` }
          : { candidates: [{ content, index: 0 }], modelVersion: ctx.model, responseId: `mock-${ctx.seq}` },
      });
    });
    return out;
  },
};
