/** Small helpers for reading untrusted JSON without casts scattered through every translator. */
import { type JsonObject, TranslationError } from './types.ts';

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objectOr(v: unknown): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

export function arrayOr(v: unknown): readonly unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

export function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function numberOr(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Lua's truthiness, which Kong's drivers test with: only nil and false are false. */
export function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false;
}

/** Parses an object or throws `TranslationError(reason)`; a JSON array or scalar is also refused. */
export function parseObject(text: string, reason: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TranslationError(reason);
  }
  if (!isObject(value)) throw new TranslationError(reason);
  return value;
}

/** Drops keys whose value is `undefined`, as a Lua table assignment of nil would. */
export function compact(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** The text of an OpenAI message `content`: the string itself, or its text parts joined. Used where
 * a provider format is a flat prompt string, so a multimodal array cannot be sent as is. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  const parts = arrayOr(content);
  if (!parts) return '';
  return parts
    .map((p) => (isObject(p) && p.type === 'text' ? (stringOr(p.text) ?? '') : ''))
    .join('');
}

/** OpenAI's `stop` may be one string; the providers that take a list want an array. */
export function stopList(stop: unknown): unknown {
  return typeof stop === 'string' ? [stop] : stop;
}
