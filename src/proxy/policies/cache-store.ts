/** Where cached responses live: the interface, and the in-memory store (an LRU bounded by entries
 * and bytes). The Redis store is in cache-redis-store.ts. */

export type CachedResponse =
  | { readonly kind: 'json'; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  /** A stream, as the translated frames the client received (`data: …\n\n` each), replayed in order. */
  | { readonly kind: 'stream'; readonly headers: Readonly<Record<string, string>>; readonly frames: readonly string[] };

export interface CacheEntry {
  readonly response: CachedResponse;
  /** Epoch milliseconds. */
  readonly storedAt: number;
  readonly expiresAt: number;
}

export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
}

function sizeOf(response: CachedResponse): number {
  const body = response.kind === 'json' ? response.body.length : response.frames.reduce((n, f) => n + f.length, 0);
  return body + Object.entries(response.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);
}

export interface MemoryCacheStoreOptions {
  readonly maxEntries?: number;
  /** Approximate: string lengths of bodies, frames and headers. */
  readonly maxBytes?: number;
  readonly now?: () => number;
}

export function createMemoryCacheStore(options: MemoryCacheStoreOptions = {}): CacheStore & { readonly size: () => { entries: number; bytes: number } } {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recently used first.
  const entries = new Map<string, { entry: CacheEntry; size: number }>();
  let bytes = 0;

  const remove = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.size;
  };

  return {
    async get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      remove(key);
      if (e.entry.expiresAt <= now()) return undefined;
      entries.set(key, e);
      bytes += e.size;
      return e.entry;
    },
    async set(key, entry) {
      const size = sizeOf(entry.response);
      if (size > maxBytes) return;
      remove(key);
      entries.set(key, { entry, size });
      bytes += size;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(oldest);
      }
    },
    size: () => ({ entries: entries.size, bytes }),
  };
}
