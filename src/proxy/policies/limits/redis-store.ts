/** Counters in Redis, shared by every proxy that points at it. A check is one Lua script (EVALSHA),
 * so reading every rule's windows, deciding, and adding happen atomically across proxies; each
 * window is its own key with a TTL, so old windows clean themselves up. Clocks: the proxy sends
 * the window keys, so proxies sharing a Redis should keep their clocks in sync (NTP). */
import type { Redis } from 'ioredis';
import { luaScript } from '../redis.ts';
import type { CounterRead, CounterStore } from './store.ts';

// KEYS: per rule, its current then previous window. ARGV: per rule, weight, limit, always,
// reserve, ttl. Mirrors `allows` in store.ts. Numbers go back as strings because Redis truncates
// Lua numbers to integers, and cost counters are fractional.
const CHECK_AND_ADD = luaScript(`
local n = #KEYS / 2
local out = { 0 }
local allowed = 1
for i = 1, n do
  local a = (i - 1) * 5
  local weight, limit, always = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  local cur = math.max(0, tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0'))
  local prev = 0
  if weight > 0 then prev = math.max(0, tonumber(redis.call('GET', KEYS[2 * i]) or '0')) end
  local rate = prev * weight + cur
  if always > 0 then
    if rate + always > limit then allowed = 0 end
  elseif rate >= limit then
    allowed = 0
  end
  out[2 * i] = tostring(prev)
  out[2 * i + 1] = tostring(cur)
end
for i = 1, n do
  local a = (i - 1) * 5
  local add = tonumber(ARGV[a + 3])
  if allowed == 1 then add = add + tonumber(ARGV[a + 4]) end
  if add ~= 0 then
    redis.call('INCRBYFLOAT', KEYS[2 * i - 1], add)
    redis.call('EXPIRE', KEYS[2 * i - 1], ARGV[a + 5])
  end
end
out[1] = allowed
return out
`);

export function createRedisCounterStore(redis: Redis): CounterStore {
  return {
    async checkAndAdd(ops) {
      if (ops.length === 0) return { allowed: true, reads: [] };
      const keys = ops.flatMap((op) => [op.key, op.previousKey]);
      const args = ops.flatMap((op) => [op.weight, op.limit, op.always, op.reserve, op.ttlSeconds]);
      const out = (await CHECK_AND_ADD.run(redis, keys, args)) as [number, ...string[]];
      const reads: CounterRead[] = ops.map((_, i) => ({ previous: Number(out[2 * i + 1]), current: Number(out[2 * i + 2]) }));
      return { allowed: out[0] === 1, reads };
    },
    async add(adds) {
      const todo = adds.filter((a) => a.amount !== 0);
      if (todo.length === 0) return;
      const tx = redis.multi();
      for (const a of todo) tx.incrbyfloat(a.key, a.amount).expire(a.key, a.ttlSeconds);
      await tx.exec();
    },
  };
}
