import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Limit, LimitsPolicy, PolicyScope } from '../../../model/index.ts';
import type { ScopedPolicy } from '../resolve.ts';
import { costOf } from '../usage.ts';
import { createLimiter, type LimitRequest } from './limiter.ts';
import { createMemoryCounterStore } from './memory-store.ts';
import type { CounterStore } from './store.ts';

const scoped = (scope: PolicyScope, name: string, limits: readonly Limit[], p: Partial<LimitsPolicy> = {}): ScopedPolicy<'limits'> => ({
  scope,
  name,
  policy: { limits, window: 'fixed', hideHeaders: false, ...p },
});
const rule = (limit: number, count: Limit['count'], by: Limit['by'] = 'consumer', windowSeconds = 60): Limit => ({ limit, count, by, windowSeconds });
const request = (consumer = 'alice', extra: Partial<LimitRequest> = {}): LimitRequest => ({
  route: 'chat',
  consumer: { name: consumer, groups: ['gold'] },
  client: { remoteAddress: '10.0.0.1' },
  headers: {},
  providers: ['openai', 'anthropic'],
  ...extra,
});
const clock = (start = 1_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
const usage = (total: number) => ({ prompt_tokens: total / 2, completion_tokens: total / 2 });

describe('limits: requests', () => {
  it('GIVEN 3 requests a minute THEN the 4th gets Kong’s 429 with the reset headers', async () => {
    const c = clock(120_000 + 15_000); // 15 s into a minute
    const limiter = createLimiter({ store: createMemoryCounterStore(c), now: c.now });
    const limits = [scoped('consumer', 'alice', [rule(3, 'requests')])];
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await limiter.check(limits, request());
      assert.equal(d.allowed, true);
      remaining.push(d.headers['X-AI-RateLimit-Remaining-60-consumer-requests']!);
      assert.equal(d.headers['X-AI-RateLimit-Limit-60-consumer-requests'], '3');
    }
    assert.deepEqual(remaining, ['2', '1', '0']);
    const d = await limiter.check(limits, request());
    assert.equal(d.allowed, false);
    assert.deepEqual(d.reply, {
      status: 429,
      body: '{"message":"AI token rate limit exceeded for provider(s): openai, anthropic"}',
      headers: d.headers,
    });
    assert.equal(d.retryAfter, 45);
    assert.equal(d.headers['Retry-After'], '45');
    assert.equal(d.headers['X-AI-RateLimit-Reset'], '45');
    assert.equal(d.headers['X-AI-RateLimit-Retry-After-60-consumer-requests'], '45');
    c.advance(45_000);
    assert.equal((await limiter.check(limits, request())).allowed, true, 'a new fixed window starts afresh');
  });

  it('GIVEN a sliding window THEN the previous window still counts, by its remaining overlap', async () => {
    const c = clock(60_000);
    const limiter = createLimiter({ store: createMemoryCounterStore(c), now: c.now });
    const limits = [scoped('global', 'global', [rule(10, 'requests', 'route')], { window: 'sliding' })];
    for (let i = 0; i < 10; i++) assert.equal((await limiter.check(limits, request())).allowed, true);
    c.advance(60_000 + 30_000); // half-way through the next window: the 10 count as 5
    const admitted = [];
    for (let i = 0; i < 8; i++) admitted.push((await limiter.check(limits, request())).allowed);
    assert.deepEqual(admitted, [true, true, true, true, true, false, false, false]);
  });
});

describe('limits: tokens and cost', () => {
  it('GIVEN 1000 tokens a minute, one request at a time THEN the request that crosses the limit succeeds and the next is refused', async () => {
    const limiter = createLimiter({ store: createMemoryCounterStore() });
    const limits = [scoped('consumer', 'alice', [rule(1000, 'total-tokens')])];
    const first = await limiter.check(limits, request());
    assert.equal(first.headers['X-AI-RateLimit-Remaining-60-consumer-total-tokens'], '1000');
    await limiter.record(first.ticket, usage(600), 0);
    const second = await limiter.check(limits, request());
    assert.equal(second.allowed, true);
    assert.equal(second.headers['X-AI-RateLimit-Remaining-60-consumer-total-tokens'], '400');
    await limiter.record(second.ticket, usage(600), 0);
    const third = await limiter.check(limits, request());
    assert.equal(third.allowed, false);
    assert.equal(third.headers['X-AI-RateLimit-Remaining-60-consumer-total-tokens'], '0');
  });

  it('GIVEN a burst of 50 with estimates THEN reservations admit only what fits', async () => {
    const limiter = createLimiter({ store: createMemoryCounterStore() });
    const limits = [scoped('consumer', 'alice', [rule(1000, 'total-tokens')])];
    const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.check(limits, request('alice', { estimate: usage(100) }))));
    assert.equal(decisions.filter((d) => d.allowed).length, 10);
  });

  it('GIVEN a failed request THEN recording zero usage hands its reservation back', async () => {
    const limiter = createLimiter({ store: createMemoryCounterStore() });
    const limits = [scoped('consumer', 'alice', [rule(100, 'total-tokens')])];
    const d = await limiter.check(limits, request('alice', { estimate: usage(100) }));
    assert.equal((await limiter.check(limits, request())).allowed, false, 'the reservation holds the budget');
    await limiter.record(d.ticket, usage(0), 0);
    await limiter.record(d.ticket, usage(0), 0); // a second record of one ticket changes nothing
    const after = await limiter.check(limits, request());
    assert.equal(after.allowed, true);
    assert.equal(after.headers['X-AI-RateLimit-Remaining-60-consumer-total-tokens'], '100');
  });

  it('GIVEN a response that ends in the next window THEN its usage counts there and its reservation leaves the old one', async () => {
    const c = clock(120_000 + 59_000); // a second before the minute turns
    const limiter = createLimiter({ store: createMemoryCounterStore(c), now: c.now });
    const limits = [scoped('consumer', 'alice', [rule(1000, 'total-tokens', 'consumer', 60)], { window: 'sliding' })];
    const d = await limiter.check(limits, request('alice', { estimate: usage(100) }));
    c.advance(2_000); // 1 s into the next minute: 59/60 of the previous window still counts
    await limiter.record(d.ticket, usage(300), 0);
    const after = await limiter.check(limits, request());
    // 300 in the current window, 0 left in the previous one (its 100 reserved were handed back).
    assert.equal(after.headers['X-AI-RateLimit-Remaining-60-consumer-total-tokens'], '700');
  });

  it('GIVEN a cost budget THEN usage is priced with the model’s per-million prices', async () => {
    const options = { inputCost: 2.5, outputCost: 10 };
    const used = { prompt_tokens: 1000, completion_tokens: 500 };
    assert.equal(costOf(used, options), 0.0075);
    assert.equal(costOf(used, { inputCost: 2.5 }), 0, 'no cost unless both prices are set');
    const limiter = createLimiter({ store: createMemoryCounterStore() });
    const limits = [scoped('global', 'global', [rule(0.01, 'cost', 'consumer', 3600)])];
    const a = await limiter.check(limits, request());
    await limiter.record(a.ticket, used, costOf(used, options));
    const b = await limiter.check(limits, request());
    assert.equal(b.headers['X-AI-RateLimit-Remaining-3600-global-cost'], '0.0025');
    await limiter.record(b.ticket, used, costOf(used, options));
    assert.equal((await limiter.check(limits, request())).allowed, false);
  });
});

describe('limits: scopes and identities', () => {
  it('GIVEN a global budget AND a per-consumer limit THEN both apply, each counted on its own', async () => {
    const limiter = createLimiter({ store: createMemoryCounterStore() });
    const limits = [scoped('consumer', 'alice', [rule(100, 'total-tokens')]), scoped('global', 'global', [rule(250, 'total-tokens', 'route')])];
    const a = await limiter.check(limits, request('alice'));
    await limiter.record(a.ticket, usage(150), 0);
    assert.equal((await limiter.check(limits, request('alice'))).allowed, false, 'alice is over her own limit');
    const b = await limiter.check(limits, request('bob'));
    assert.equal(b.allowed, true, 'bob has his own consumer counter');
    assert.equal(b.headers['X-AI-RateLimit-Remaining-60-global-total-tokens'], '100');
    await limiter.record(b.ticket, usage(150), 0);
    assert.equal((await limiter.check(limits, request('carol'))).allowed, false, 'the global budget is spent');
  });

  it('GIVEN by header THEN each header value has its own counter; without it the IP is used', async () => {
    const limiter = createLimiter({ store: createMemoryCounterStore() });
    const limits = [scoped('route', 'chat', [{ ...rule(1, 'requests', 'header'), header: 'X-Tenant' }])];
    assert.equal((await limiter.check(limits, request('a', { headers: { 'x-tenant': 't1' } }))).allowed, true);
    assert.equal((await limiter.check(limits, request('a', { headers: { 'x-tenant': 't2' } }))).allowed, true);
    assert.equal((await limiter.check(limits, request('a', { headers: { 'x-tenant': 't1' } }))).allowed, false);
    assert.equal((await limiter.check(limits, request('a'))).allowed, true);
    assert.equal((await limiter.check(limits, request('a', { client: { remoteAddress: '10.0.0.2' } }))).allowed, true);
    assert.equal((await limiter.check(limits, request('a'))).allowed, false);
  });

  it('GIVEN two limits that would share a header name THEN the second gets a -2 suffix', async () => {
    const limiter = createLimiter({ store: createMemoryCounterStore() });
    const d = await limiter.check([scoped('consumer-group', 'beta', [rule(5, 'requests')]), scoped('consumer-group', 'gold', [rule(9, 'requests')])], request());
    assert.equal(d.headers['X-AI-RateLimit-Limit-60-consumer-group-requests'], '5');
    assert.equal(d.headers['X-AI-RateLimit-Limit-60-consumer-group-requests-2'], '9');
  });

  it('GIVEN hideHeaders THEN no X-AI-RateLimit headers, but a 429 still says Retry-After', async () => {
    const limiter = createLimiter({ store: createMemoryCounterStore() });
    const limits = [scoped('consumer', 'alice', [rule(1, 'requests')], { hideHeaders: true })];
    assert.deepEqual((await limiter.check(limits, request())).headers, {});
    const d = await limiter.check(limits, request());
    assert.deepEqual(Object.keys(d.headers), ['Retry-After']);
  });

  it('GIVEN a failing store THEN the request is let through and the error reported', async () => {
    const errors: unknown[] = [];
    const broken: CounterStore = { checkAndAdd: () => Promise.reject(new Error('redis down')), add: () => Promise.reject(new Error('redis down')) };
    const limiter = createLimiter({ store: broken, onError: (e) => errors.push(e) });
    const d = await limiter.check([scoped('global', 'global', [rule(1, 'requests')])], request());
    assert.deepEqual([d.allowed, d.error, errors.length], [true, 'redis down', 1]);
  });
});
