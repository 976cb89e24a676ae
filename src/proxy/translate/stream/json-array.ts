/** Gemini's `streamGenerateContent` framing (`application/json`): one JSON array whose elements
 * arrive over time. Each element is emitted as soon as its closing brace arrives, even when it was
 * split across chunks; the array's `]` emits `[DONE]`, as Kong's iterator does. */
import { type Frame, type Framer, FramingError, MAX_FRAME_CHARS } from './frame.ts';

export const ARRAY_END = '[DONE]';

export function createJsonArrayFramer(): Framer {
  const decoder = new TextDecoder('utf-8');
  let started = false;
  let closed = false;
  /** Text of the element being read, from earlier chunks. */
  let held = '';
  let inElement = false;
  let depth = 0;
  let inString = false;
  let escaped = false;

  const scan = (text: string): Frame[] => {
    const frames: Frame[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (closed) continue;
      if (!started) {
        if (ch === '[') started = true;
        else if (!isSpace(ch)) throw new FramingError('stream is not a JSON array');
        continue;
      }
      if (!inElement) {
        if (isSpace(ch) || ch === ',') continue;
        if (ch === ']') {
          closed = true;
          frames.push({ data: ARRAY_END });
          continue;
        }
        // Gemini only sends objects; a bare scalar has no closing token to wait for.
        if (ch !== '{' && ch !== '[') throw new FramingError(`unexpected '${ch}' in JSON array stream`);
        inElement = true;
        depth = 1;
        start = i;
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) {
          frames.push({ data: held + text.slice(start, i + 1) });
          held = '';
          inElement = false;
        }
      }
    }
    if (inElement) held += text.slice(start);
    if (held.length > MAX_FRAME_CHARS) throw new FramingError('JSON array element exceeds the frame size limit');
    return frames;
  };

  return {
    push: (chunk) => scan(decoder.decode(chunk, { stream: true })),
    end: () => scan(decoder.decode()),
  };
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
}
