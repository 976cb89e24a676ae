/** The exact-match response cache (ai-semantic-cache's `exact_caching` part, FACTS §1.9, §2.11):
 * an identical request from the same consumer on the same route is answered from the cache.
 *
 *   lookup → Hit: send `response` (replay frames for a stream) with `headers`.
 *          → Miss / Refresh: proxy, then `save(response)` or, for a stream, push every frame sent to
 *            `recordStream(headers)` and `end(clean)`; only a 200 that ended cleanly is kept.
 *          → Bypass: proxy; nothing is read or stored.
 *
 * Headers, as Kong's semantic cache sends them: `X-Cache-Status: Hit|Miss|Bypass|Refresh`,
 * `X-Cache-Key`, `X-Cache-Ttl` (seconds left) and, on a hit, `Age`. Semantic (similar-prompt)
 * matching is not done here; a policy with `semantic` still gets exact matching. */
import type { CachePolicy } from '../../model/index.ts';
import { cacheKey } from './cache-key.ts';
import type { CachedResponse, CacheStore } from './cache-store.ts';
import { headerValue, type HeaderBag, type HttpResponse, type JsonObject } from './json.ts';

export interface CacheRequest {
  readonly route: string;
  readonly consumer?: string;
  /** The body as it goes upstream, before translation. */
  readonly body: JsonObject;
  /** Whether the client asked for a stream: streamed and buffered answers are stored apart, under
   * the same key, so each is replayed the way it was asked for. */
  readonly stream: boolean;
  readonly headers: HeaderBag;
}

export interface StreamRecorder {
  /** One frame exactly as written to the client. */
  push(frame: string): void;
  /** The stream is over; `clean` means it ended with its terminator, not cut short. Resolves to
   * whether the stream was stored. */
  end(clean: boolean): Promise<boolean>;
}

export type CacheStatus = 'Hit' | 'Miss' | 'Bypass' | 'Refresh';

export type CacheLookup =
  | { readonly status: 'Hit'; readonly headers: Readonly<Record<string, string>>; readonly response: CachedResponse }
  | {
      readonly status: 'Miss' | 'Refresh';
      readonly headers: Readonly<Record<string, string>>;
      readonly key: string;
      /** Store a buffered response (only a 200 the upstream allows to be cached is kept). */
      save(response: HttpResponse): Promise<boolean>;
      recordStream(status: number, headers: Readonly<Record<string, string>>): StreamRecorder;
    }
  | { readonly status: 'Bypass'; readonly headers: Readonly<Record<string, string>> };

export interface ResponseCache {
  lookup(policy: CachePolicy, request: CacheRequest): Promise<CacheLookup>;
}

export interface ResponseCacheOptions {
  readonly store: CacheStore;
  readonly now?: () => number;
  /** A stream longer than this is not stored (default 4 MiB of frames). */
  readonly maxStreamBytes?: number;
  readonly onError?: (error: unknown) => void;
}

/** `Cache-Control` directives, lower-case, with their values (or '' when they have none). */
export function cacheControl(value: string | undefined): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const part of (value ?? '').split(',')) {
    const [name, ...rest] = part.split('=');
    const n = name?.trim().toLowerCase();
    if (n) out.set(n, rest.join('=').trim().replace(/^"|"$/g, ''));
  }
  return out;
}

// What a request or response says about caching it (Kong's proxy-cache reads the same three).
const FORBIDS = ['no-store', 'no-cache', 'private'];
// Headers that belong to one response, not to the cached answer.
const NOT_STORED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'age', 'set-cookie', 'retry-after', 'x-kong-request-id', 'x-kong-upstream-latency', 'x-kong-proxy-latency']);
const storedHeaders = (headers: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !NOT_STORED.has(k.toLowerCase()) && !/^x-(cache|ai-ratelimit)-/i.test(k)));

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const now = options.now ?? Date.now;
  const maxStreamBytes = options.maxStreamBytes ?? 4 * 1024 * 1024;
  const slotOf = (key: string, stream: boolean) => `${key}:${stream ? 'stream' : 'json'}`;

  /** Seconds to keep a response, or 0 when it must not be kept. */
  function ttlFor(policy: CachePolicy, status: number, headers: Readonly<Record<string, string>>): number {
    if (status !== 200) return 0;
    if (!policy.cacheControl) return policy.ttlSeconds;
    const cc = cacheControl(headerValue(headers, 'cache-control'));
    if (FORBIDS.some((d) => cc.has(d))) return 0;
    const age = Number(cc.get('s-maxage') ?? cc.get('max-age'));
    return Number.isFinite(age) && age >= 0 ? Math.floor(age) : policy.ttlSeconds;
  }

  async function put(slot: string, ttl: number, response: CachedResponse): Promise<boolean> {
    if (ttl <= 0) return false;
    const at = now();
    try {
      await options.store.set(slot, { response, storedAt: at, expiresAt: at + ttl * 1000 });
      return true;
    } catch (e) {
      options.onError?.(e);
      return false;
    }
  }

  return {
    async lookup(policy: CachePolicy, request: CacheRequest): Promise<CacheLookup> {
      const requestCc = policy.cacheControl ? cacheControl(headerValue(request.headers, 'cache-control')) : new Map<string, string>();
      if (FORBIDS.some((d) => requestCc.has(d))) return { status: 'Bypass', headers: { 'X-Cache-Status': 'Bypass' } };

      const key = cacheKey(request);
      const slot = slotOf(key, request.stream);
      let entry;
      try {
        entry = await options.store.get(slot);
      } catch (e) {
        // A cache that cannot be read is a miss, not an outage.
        options.onError?.(e);
      }
      const at = now();
      const ageSeconds = entry ? Math.max(0, Math.floor((at - entry.storedAt) / 1000)) : 0;
      const maxAge = Number(requestCc.get('max-age'));
      const tooOld = entry !== undefined && Number.isFinite(maxAge) && ageSeconds > maxAge;
      if (entry && entry.expiresAt > at && !tooOld) {
        const ttl = Math.max(0, Math.ceil((entry.expiresAt - at) / 1000));
        return {
          status: 'Hit',
          headers: { 'X-Cache-Status': 'Hit', 'X-Cache-Key': key, 'X-Cache-Ttl': String(ttl), Age: String(ageSeconds) },
          response: entry.response,
        };
      }

      const status = tooOld ? 'Refresh' : 'Miss';
      return {
        status,
        headers: { 'X-Cache-Status': status, 'X-Cache-Key': key, 'X-Cache-Ttl': String(policy.ttlSeconds) },
        key,
        save: (response) => put(slot, ttlFor(policy, response.status, response.headers), { kind: 'json', headers: storedHeaders(response.headers), body: response.body }),
        recordStream(streamStatus, headers) {
          const frames: string[] = [];
          let bytes = 0;
          let ended = false;
          return {
            push(frame) {
              if (ended || bytes > maxStreamBytes) return;
              frames.push(frame);
              bytes += frame.length;
            },
            async end(clean) {
              if (ended) return false;
              ended = true;
              // A stream cut short, or one too large to keep, is never stored.
              if (!clean || bytes > maxStreamBytes) return false;
              return put(slot, ttlFor(policy, streamStatus, headers), { kind: 'stream', headers: storedHeaders(headers), frames });
            },
          };
        },
      };
    },
  };
}
