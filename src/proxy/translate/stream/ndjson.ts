/** Newline-delimited JSON framing (Ollama `application/x-ndjson`, Cohere v1 `application/stream+json`):
 * one frame per non-empty line, the unfinished last line held until its newline arrives. */
import { type Frame, type Framer, FramingError, MAX_FRAME_CHARS } from './frame.ts';

export function createNdjsonFramer(): Framer {
  const decoder = new TextDecoder('utf-8');
  let partial = '';
  const lines = (text: string, flush: boolean): Frame[] => {
    const parts = (partial + text).split(/\r\n|\r|\n/);
    partial = flush ? '' : (parts.pop() ?? '');
    if (partial.length > MAX_FRAME_CHARS) throw new FramingError('JSON line exceeds the frame size limit');
    return parts.filter((l) => l.trim() !== '').map((l) => ({ data: l }));
  };
  return {
    push: (chunk) => lines(decoder.decode(chunk, { stream: true }), false),
    end: () => lines(decoder.decode(), true),
  };
}
