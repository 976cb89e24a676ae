/** Connections to providers: one undici `Pool` per upstream origin, kept alive and shared by every
 * configuration the server loads, with pipelining off (one request per connection at a time, as
 * providers expect). Also says what an upstream failure means for the client (502, 503 or 504). */
import { Pool } from 'undici';

export interface UpstreamOptions {
  readonly connectTimeoutMs: number;
}

interface Split {
  readonly origin: string;
  readonly path: string;
}

/** Most requests of a route go to the same URL; its split is remembered, up to this many URLs. */
const SPLIT_CACHE_MAX = 1024;

export class Upstreams {
  readonly #pools = new Map<string, Pool>();
  readonly #splits = new Map<string, Split>();
  readonly #options: UpstreamOptions;
  #closed = false;

  constructor(options: UpstreamOptions) {
    this.#options = options;
  }

  /** The pool for a full URL's origin, and the path (with query) to ask it for. A connect timeout
   * shorter than the server's (a route's balancer may set one) gets a pool of its own, since undici
   * sets that timeout per pool. */
  route(url: string, connectTimeoutMs?: number): { readonly pool: Pool; readonly path: string } {
    let split = this.#splits.get(url);
    if (split === undefined) {
      const u = new URL(url);
      split = { origin: u.origin, path: `${u.pathname}${u.search}` };
      if (this.#splits.size >= SPLIT_CACHE_MAX) this.#splits.clear();
      this.#splits.set(url, split);
    }
    const timeout = connectTimeoutMs !== undefined && connectTimeoutMs < this.#options.connectTimeoutMs ? connectTimeoutMs : this.#options.connectTimeoutMs;
    const key = timeout === this.#options.connectTimeoutMs ? split.origin : `${split.origin} ${timeout}`;
    let pool = this.#pools.get(key);
    if (pool === undefined) {
      if (this.#closed) throw new Error('the proxy is shutting down');
      pool = new Pool(split.origin, { pipelining: 1, connectTimeout: timeout, keepAliveTimeout: 30_000 });
      this.#pools.set(key, pool);
    }
    return { pool, path: split.path };
  }

  /** Closes every pool; with `force`, requests still running are aborted. */
  async close(force = false): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => (force ? p.destroy() : p.close())));
  }
}

export type UpstreamFailure =
  /** The client went away and we aborted the request: nobody to answer. */
  | 'aborted'
  | 'timeout'
  | 'dns'
  | 'bad-gateway';

/** Maps an undici / socket error to what the client is told. */
export function classifyUpstreamError(e: unknown): UpstreamFailure {
  const code = (e as { code?: unknown } | null)?.code;
  const name = (e as { name?: unknown } | null)?.name;
  if (code === 'UND_ERR_ABORTED' || name === 'AbortError') return 'aborted';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  return 'bad-gateway';
}
