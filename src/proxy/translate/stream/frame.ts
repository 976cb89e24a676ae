/** The unit every stream framing parser produces and every provider event mapper consumes: one
 * upstream event, whatever its wire framing (SSE, AWS binary, JSON array, NDJSON). */

export interface Frame {
  /** The SSE `event:` field, or the AWS `:event-type` (or `:exception-type`) header. */
  readonly event?: string;
  /** The event's payload text: an SSE `data:` value, one JSON element, one AWS payload. The JSON
   * array parser emits `[DONE]` when the array closes, as Kong's does. */
  readonly data: string;
  /** The AWS `:message-type` header (`event`, `exception`, `error`); absent for other framings. */
  readonly messageType?: string;
}

/** A stateful parser from raw upstream bytes to frames. It keeps at most one partial frame. */
export interface Framer {
  push(chunk: Uint8Array): Frame[];
  /** The upstream ended: flush whatever complete frame is still held. */
  end(): Frame[];
}

/** The most text one frame may hold before the stream is declared broken: AWS's own cap on an
 * event-stream message, applied to every framing so a never-terminated frame cannot grow without bound. */
export const MAX_FRAME_CHARS = 16 * 1024 * 1024;

/** The bytes cannot be framed (bad CRC, not a JSON array, oversized message): the stream is lost. */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

/** What a provider's event mapper makes of one frame. */
export type StreamStep =
  /** Send `data: <data>` to the client; `text` is the completion text it carries, for estimates. */
  | { readonly kind: 'chunk'; readonly data: string; readonly text: string }
  /** The provider's end of message: send `data: [DONE]`. */
  | { readonly kind: 'done' }
  /** Nothing to send (pings, block stops, usage-only events). */
  | { readonly kind: 'skip' }
  /** The frame cannot be translated: send Kong's error chunk and end the stream. */
  | { readonly kind: 'fail'; readonly reason: string };

/** Token counts seen so far; every provider reports cumulative values, so the latest wins. */
export interface StreamTokens {
  prompt?: number;
  completion?: number;
  total?: number;
}

/** A provider's per-stream mapper: it may keep state (a message id) across frames. */
export type StreamMapper = (frame: Frame, tokens: StreamTokens) => StreamStep;

export const SKIP: StreamStep = { kind: 'skip' };
export const DONE: StreamStep = { kind: 'done' };

export function chunk(event: object, text = ''): StreamStep {
  return { kind: 'chunk', data: JSON.stringify(event), text };
}

export function fail(reason: string): StreamStep {
  return { kind: 'fail', reason };
}

/** Parses a frame's JSON payload; `undefined` when it is not a JSON object. */
export function frameJson(frame: Frame): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(frame.data);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
