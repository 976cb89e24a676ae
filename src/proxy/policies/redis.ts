/** One Redis connection for the policies that share state across proxies (limit counters, the
 * response cache), from the model's `redis` settings, plus running a Lua script by its SHA. */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { RedisSettings } from '../../model/index.ts';

// ioredis is loaded by the first connection: a configuration without Redis never loads it.
const require = createRequire(import.meta.url);

/** `password` is the resolved secret (the model holds only a reference). Timeouts are Kong's Redis
 * defaults (2000 ms), and a command is not retried: a limit or cache that cannot reach Redis
 * should answer quickly and let the request through rather than hold it. */
export function connectRedis(settings: RedisSettings, password?: string): Redis {
  const { Redis } = require('ioredis') as typeof import('ioredis');
  return new Redis({
    host: settings.host,
    port: settings.port,
    db: settings.database,
    ...(settings.username !== undefined && { username: settings.username }),
    ...(password !== undefined && { password }),
    ...(settings.tls && { tls: {} }),
    connectTimeout: 2000,
    commandTimeout: 2000,
    maxRetriesPerRequest: 1,
  });
}

/** A Lua script sent once and then called by SHA (EVALSHA), re-sent if Redis forgot it. */
export interface LuaScript {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (e) {
        if (!String((e as Error).message).startsWith('NOSCRIPT')) throw e;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}
