/** Stream framings: how one event becomes bytes in SSE, NDJSON, Gemini's JSON array, or AWS event-stream. */
import { encodeBedrockEvent, encodeCorruptEventStreamMessage } from './aws-eventstream-encode.ts';
import type { MockStreamEvent } from './types.ts';

export type Framing = 'sse' | 'ndjson' | 'json-array' | 'aws-eventstream';

export interface Framer {
  /** Bytes of the event at output position `index` (Gemini's array needs to know the first). */
  event(e: MockStreamEvent, index: number): Buffer;
  /** What closes a complete stream after `count` chunks (Gemini's `]`), if anything. */
  close(count: number): Buffer | undefined;
  /** A chunk that a parser of this framing must choke on. */
  malformed(index: number): Buffer;
}

function raw(e: MockStreamEvent): Buffer | undefined {
  if (typeof e === 'string') return Buffer.from(e);
  if (e instanceof Uint8Array) return Buffer.from(e.buffer, e.byteOffset, e.byteLength);
  return undefined;
}

function dataText(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data);
}

const sse: Framer = {
  event(e) {
    const r = raw(e);
    if (r !== undefined) return r;
    const ev = e as { readonly event?: string; readonly data: unknown };
    const text = dataText(ev.data);
    // A data value spanning lines needs one `data:` field per line to survive SSE parsing.
    const data = text.includes('\n') ? text.split('\n').map((l) => `data: ${l}`).join('\n') : `data: ${text}`;
    return Buffer.from(ev.event === undefined ? `${data}\n\n` : `event: ${ev.event}\n${data}\n\n`);
  },
  close: () => undefined,
  malformed: () => Buffer.from('data: {"choices":[{"delta":{"content":"malf\n\n'),
};

const ndjson: Framer = {
  event(e) {
    return raw(e) ?? Buffer.from(`${dataText((e as { readonly data: unknown }).data)}\n`);
  },
  close: () => undefined,
  malformed: () => Buffer.from('{"event_type":"text-generation","text":"malf\n'),
};

const jsonArray: Framer = {
  event(e, index) {
    return raw(e) ?? Buffer.from(`${index === 0 ? '[' : ',\r\n'}${dataText((e as { readonly data: unknown }).data)}`);
  },
  close: (count) => Buffer.from(count === 0 ? '[]' : '\n]'),
  malformed: (index) => Buffer.from(`${index === 0 ? '[' : ',\r\n'}{"candidates": [{"content": {"parts": [{"text": "malf`),
};

const awsEventStream: Framer = {
  event(e) {
    const r = raw(e);
    if (r !== undefined) return r;
    const ev = e as { readonly event?: string; readonly data: unknown };
    return encodeBedrockEvent(ev.event ?? 'message', dataText(ev.data));
  },
  close: () => undefined,
  malformed: () => encodeCorruptEventStreamMessage(),
};

export const FRAMERS: Readonly<Record<Framing, Framer>> = {
  sse,
  ndjson,
  'json-array': jsonArray,
  'aws-eventstream': awsEventStream,
};
