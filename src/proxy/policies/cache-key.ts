/** The exact-match cache key: sha256 of the normalised request plus who asked. Normalised means
 * object keys sorted at every depth (so key order never matters) and the delivery fields removed
 * (`stream`, `stream_options`): the same question gets the same key whether it is streamed or not. */
import { createHash } from 'node:crypto';
import type { JsonObject } from './json.ts';

const DELIVERY_FIELDS = new Set(['stream', 'stream_options']);

/** JSON with object keys sorted at every depth; arrays keep their order (message order matters). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface CacheKeyInput {
  /** The route: the same body on two routes may reach different models. */
  readonly route: string;
  /** The consumer's name; answers are never shared between consumers. */
  readonly consumer?: string;
  /** The body as it goes upstream (after templates, decorator and transformer), before
   * translation: model, messages or prompt, and every sampling parameter. */
  readonly body: JsonObject;
}

export function cacheKey(input: CacheKeyInput): string {
  const request = Object.fromEntries(Object.entries(input.body).filter(([k]) => !DELIVERY_FIELDS.has(k)));
  // The version lets a future change to normalisation start from an empty cache.
  const canonical = canonicalJson({ v: 1, route: input.route, consumer: input.consumer ?? null, request });
  return createHash('sha256').update(canonical).digest('hex');
}
