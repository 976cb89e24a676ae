/** Cached responses in Redis, shared by every proxy that points at it: one key per entry, expiring
 * with the entry (SET … PX). */
import type { Redis } from 'ioredis';
import type { CacheEntry, CacheStore } from './cache-store.ts';

export function createRedisCacheStore(redis: Redis, options: { readonly prefix?: string; readonly now?: () => number } = {}): CacheStore {
  const prefix = options.prefix ?? 'aigate:cache:';
  const now = options.now ?? Date.now;
  return {
    async get(key) {
      const raw = await redis.get(prefix + key);
      if (raw === null) return undefined;
      try {
        return JSON.parse(raw) as CacheEntry;
      } catch {
        return undefined; // written by something else: treat as a miss
      }
    },
    async set(key, entry) {
      const ttl = Math.ceil(entry.expiresAt - now());
      if (ttl > 0) await redis.set(prefix + key, JSON.stringify(entry), 'PX', ttl);
    },
  };
}
