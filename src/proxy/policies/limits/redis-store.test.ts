import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Limit, LimitsPolicy } from '../../../model/index.ts';
import type { ScopedPolicy } from '../resolve.ts';
import { findRedisServer, startRedis, type TestRedis } from '../testing-redis.ts';
import { costOf } from '../usage.ts';
import { createLimiter, type Limiter, type LimitRequest } from './limiter.ts';
import { createRedisCounterStore } from './redis-store.ts';

const binary = findRedisServer();
const scoped = (limits: readonly Limit[], p: Partial<LimitsPolicy> = {}): readonly ScopedPolicy<'limits'>[] => [
  { scope: 'consumer', name: 'alice', policy: { limits, window: 'fixed', hideHeaders: false, ...p } },
];
const request = (extra: Partial<LimitRequest> = {}): LimitRequest => ({
  route: 'chat',
  consumer: { name: 'alice', groups: [] },
  client: { remoteAddress: '127.0.0.1' },
  headers: {},
  providers: ['openai'],
  ...extra,
});
const hundred = { prompt_tokens: 60, completion_tokens: 40 };

/** One proxy's view of a request: check, wait for the "upstream", record what it used. */
async function proxied(limiter: Limiter, limits: readonly ScopedPolicy<'limits'>[], i: number): Promise<boolean> {
  const d = await limiter.check(limits, request({ estimate: hundred }));
  if (!d.allowed) return false;
  await delay(i % 7); // replies arrive in a different order than requests left
  await limiter.record(d.ticket, hundred, 0);
  return true;
}

describe('limits on a shared Redis', { skip: binary ? false : 'redis-server is not installed' }, () => {
  let server: TestRedis;
  const clients: Redis[] = [];
  let run = 0;
  const connect = () => {
    const c = new Redis({ port: server.port, host: '127.0.0.1' });
    clients.push(c);
    return c;
  };
  // Each test counts under its own prefix, so tests never share counters.
  const limiterOn = (redis: Redis, prefix: string, now?: () => number) => createLimiter({ store: createRedisCounterStore(redis), prefix, ...(now && { now }) });

  before(async () => {
    server = await startRedis(binary!);
  });
  after(async () => {
    for (const c of clients) c.disconnect();
    await server?.stop();
  });

  it('GIVEN 1,000 tokens a minute WHEN 50 requests of 100 tokens arrive at once THEN at most the limit plus one request is used', async (t) => {
    const prefix = `t${run++}:`;
    const limiter = limiterOn(connect(), prefix);
    const limits = scoped([{ limit: 1000, windowSeconds: 60, count: 'total-tokens', by: 'consumer' }]);
    const admitted = (await Promise.all(Array.from({ length: 50 }, (_, i) => proxied(limiter, limits, i)))).filter(Boolean).length;
    const used = admitted * 100;
    t.diagnostic(`50 parallel requests: ${admitted} admitted, ${used} tokens used against 1000 (+100 allowed overshoot)`);
    assert.ok(used <= 1000 + 100, `used ${used}`);
    assert.ok(used >= 1000, 'the whole budget can be used');
    assert.equal((await limiter.check(limits, request())).allowed, false);
  });

  it('GIVEN two proxies sharing one Redis THEN they enforce one limit together', async (t) => {
    const prefix = `t${run++}:`;
    const [ra, rb] = [connect(), connect()];
    await Promise.all([ra.ping(), rb.ping()]); // both connected before the burst
    const a = limiterOn(ra, prefix);
    const b = limiterOn(rb, prefix);
    const tokens = scoped([{ limit: 1000, windowSeconds: 60, count: 'total-tokens', by: 'consumer' }]);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => proxied(i % 2 === 0 ? a : b, tokens, i)));
    const perProxy = [results.filter((r, i) => r && i % 2 === 0).length, results.filter((r, i) => r && i % 2 === 1).length];
    t.diagnostic(`two proxies, 50 parallel requests: ${perProxy.join(' + ')} admitted`);
    assert.equal(perProxy[0]! + perProxy[1]!, 10);

    const requests = scoped([{ limit: 10, windowSeconds: 60, count: 'requests', by: 'consumer' }]);
    const prefix2 = `t${run++}:`;
    const [a2, b2] = [limiterOn(clients[0]!, prefix2), limiterOn(clients[1]!, prefix2)];
    const checks = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a2 : b2).check(requests, request())));
    assert.equal(checks.filter((d) => d.allowed).length, 10);
  });

  it('GIVEN a cost budget THEN fractional costs from model prices add up in Redis', async () => {
    const limiter = limiterOn(connect(), `t${run++}:`);
    const limits = scoped([{ limit: 0.01, windowSeconds: 3600, count: 'cost', by: 'consumer' }]);
    const used = { prompt_tokens: 1000, completion_tokens: 500 };
    const cost = costOf(used, { inputCost: 2.5, outputCost: 10 }); // 0.0075
    const first = await limiter.check(limits, request());
    await limiter.record(first.ticket, used, cost);
    const second = await limiter.check(limits, request());
    assert.equal(second.allowed, true);
    assert.equal(second.headers['X-AI-RateLimit-Remaining-3600-consumer-cost'], '0.0025');
    await limiter.record(second.ticket, used, cost);
    const third = await limiter.check(limits, request());
    assert.equal(third.allowed, false);
    assert.equal(third.reply?.status, 429);
  });

  it('GIVEN a sliding window THEN the script weights the previous window', async () => {
    let now = 600_000; // the start of a minute
    const limiter = limiterOn(connect(), `t${run++}:`, () => now);
    const limits = scoped([{ limit: 10, windowSeconds: 60, count: 'requests', by: 'consumer' }], { window: 'sliding' });
    for (let i = 0; i < 10; i++) assert.equal((await limiter.check(limits, request())).allowed, true);
    now += 90_000; // half-way through the next minute
    const admitted = [];
    for (let i = 0; i < 7; i++) admitted.push((await limiter.check(limits, request())).allowed);
    assert.deepEqual(admitted, [true, true, true, true, true, false, false]);
  });
});
