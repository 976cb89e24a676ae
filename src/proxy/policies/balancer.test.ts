import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBalancer } from './balancer.ts';
import { shouldFailover } from './failover.ts';
import { createHashRing } from './hash-ring.ts';
import { balancerOf } from './testing.ts';

const firsts = (b: { pick: () => readonly string[] }, n: number) => Array.from({ length: n }, () => b.pick()[0]);
const count = (xs: readonly (string | undefined)[]) => xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x ?? '?']: (acc[x ?? '?'] ?? 0) + 1 }), {});

describe('balancer: round-robin', () => {
  it('GIVEN weights 3:1 THEN picks are smooth (A A B A) and exact over a period', () => {
    const b = createBalancer(balancerOf({ weights: { a: 300, b: 100 } }), ['a', 'b']);
    assert.deepEqual(firsts(b, 8), ['a', 'a', 'b', 'a', 'a', 'a', 'b', 'a']);
  });

  it('GIVEN three models and retries 1 THEN two distinct attempts; retries 5 THEN every model once', () => {
    assert.equal(createBalancer(balancerOf({ retries: 1 }), ['a', 'b', 'c']).pick().length, 2);
    const all = createBalancer(balancerOf({ retries: 5 }), ['a', 'b', 'c']).pick();
    assert.deepEqual([...all].sort(), ['a', 'b', 'c']);
    assert.deepEqual(createBalancer(balancerOf({ retries: 0 }), ['a', 'b']).pick(), ['a']);
  });

  it('is deterministic: two balancers with the same calls pick the same', () => {
    const cfg = balancerOf({ weights: { a: 5, b: 3, c: 1 } });
    assert.deepEqual(firsts(createBalancer(cfg, ['a', 'b', 'c']), 27), firsts(createBalancer(cfg, ['a', 'b', 'c']), 27));
  });
});

describe('balancer: priority', () => {
  it('GIVEN two models at weight 100 and one at 50 THEN the top group alternates and the other is only a fallback', () => {
    const b = createBalancer(balancerOf({ algorithm: 'priority', weights: { a: 100, b: 100, c: 50 } }), ['a', 'b', 'c']);
    assert.deepEqual(b.pick(), ['a', 'b', 'c']);
    assert.deepEqual(b.pick(), ['b', 'a', 'c']);
    assert.deepEqual(count(firsts(b, 10)), { a: 5, b: 5 });
  });
});

describe('balancer: least-connections', () => {
  it('GIVEN capacity 3:1 and requests that stay in flight THEN in-flight counts follow the weights', () => {
    const b = createBalancer(balancerOf({ algorithm: 'least-connections', weights: { a: 300, b: 100 } }), ['a', 'b']);
    const picked = Array.from({ length: 8 }, () => {
      const m = b.pick()[0]!;
      b.start(m);
      return m;
    });
    assert.deepEqual(count(picked), { a: 6, b: 2 });
    for (const m of picked) b.finish(m);
    assert.equal(b.stats().get('a')?.inFlight, 0);
  });
});

describe('balancer: lowest-latency', () => {
  it('GIVEN a fast and a slow model THEN most traffic goes to the fast one, but never all of it', () => {
    const b = createBalancer(balancerOf({ algorithm: 'lowest-latency', latency: 'e2e' }), ['fast', 'slow']);
    const picks: string[] = [];
    for (let i = 0; i < 100; i++) {
      const m = b.pick()[0]!;
      picks.push(m);
      b.report(m, { latencyMs: m === 'fast' ? 100 : 300, ok: true });
    }
    const c = count(picks);
    assert.ok((c.fast ?? 0) >= 85, JSON.stringify(c));
    assert.ok((c.slow ?? 0) >= 5, `the slow model is still explored: ${JSON.stringify(c)}`);
  });

  it('GIVEN tpot THEN latency is per output token, so a long answer is not penalised', () => {
    const b = createBalancer(balancerOf({ algorithm: 'lowest-latency', latency: 'tpot' }), ['a', 'b']);
    b.report('a', { latencyMs: 2000, tokens: { prompt_tokens: 10, completion_tokens: 1000 }, ok: true }); // 2 ms/token
    b.report('b', { latencyMs: 500, tokens: { prompt_tokens: 10, completion_tokens: 50 }, ok: true }); // 10 ms/token
    assert.equal(b.pick()[0], 'a');
  });

  it('GIVEN a failure THEN it counts as twice the slowest latency', () => {
    const b = createBalancer(balancerOf({ algorithm: 'lowest-latency', latency: 'e2e' }), ['a', 'b']);
    b.report('a', { latencyMs: 100, ok: true });
    b.report('b', { latencyMs: 50, ok: true });
    b.report('b', { latencyMs: 10, ok: false });
    assert.equal(b.stats().get('b')?.latency, 200);
    assert.equal(b.pick()[0], 'a');
  });
});

describe('balancer: lowest-usage', () => {
  it('GIVEN one model that used more tokens THEN the other is picked', () => {
    const b = createBalancer(balancerOf({ algorithm: 'lowest-usage' }), ['a', 'b']);
    b.report('a', { latencyMs: 1, tokens: { prompt_tokens: 900, completion_tokens: 100 }, ok: true });
    b.report('b', { latencyMs: 1, tokens: { prompt_tokens: 90, completion_tokens: 10 }, ok: true });
    assert.deepEqual(b.pick(), ['b', 'a']);
  });

  it('GIVEN usage counted as cost THEN the cheaper history wins', () => {
    const b = createBalancer(balancerOf({ algorithm: 'lowest-usage', usage: 'cost' }), ['a', 'b']);
    b.report('a', { latencyMs: 1, cost: 0.01, ok: true });
    b.report('b', { latencyMs: 1, cost: 0.5, ok: true });
    assert.equal(b.pick()[0], 'a');
  });

  it('GIVEN a burst of concurrent requests THEN in-flight work spreads them', () => {
    const b = createBalancer(balancerOf({ algorithm: 'lowest-usage' }), ['a', 'b']);
    b.report('a', { latencyMs: 1, tokens: { prompt_tokens: 50, completion_tokens: 50 }, ok: true });
    b.report('b', { latencyMs: 1, tokens: { prompt_tokens: 50, completion_tokens: 50 }, ok: true });
    const picked = Array.from({ length: 6 }, () => {
      const m = b.pick()[0]!;
      b.start(m);
      return m;
    });
    assert.deepEqual(count(picked), { a: 3, b: 3 });
  });
});

describe('balancer: consistent-hashing', () => {
  const cfg = balancerOf({ algorithm: 'consistent-hashing', hashOnHeader: 'X-Session' });

  it('GIVEN the same header value THEN the same model, every time', () => {
    const b = createBalancer(cfg, ['a', 'b', 'c']);
    const first = b.pick({ headers: { 'x-session': 'user-42' } });
    for (let i = 0; i < 20; i++) assert.deepEqual(b.pick({ headers: { 'x-session': 'user-42' } }), first);
    assert.equal(new Set(first).size, 3, 'fallbacks are the next distinct models on the ring');
  });

  it('GIVEN many keys THEN every model gets a fair share; removing one model moves only its keys', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `key-${i}`);
    const three = createHashRing(['a', 'b', 'c'], {});
    const two = createHashRing(['a', 'b'], {});
    const owners = keys.map((k) => three.walk(k)[0]);
    for (const [, n] of Object.entries(count(owners))) assert.ok(n > 800 && n < 1200, JSON.stringify(count(owners)));
    const moved = keys.filter((k, i) => owners[i] !== 'c' && two.walk(k)[0] !== owners[i]);
    assert.equal(moved.length, 0);
  });

  it('GIVEN no header THEN requests are spread round-robin', () => {
    const b = createBalancer(cfg, ['a', 'b']);
    assert.deepEqual(firsts(b, 4), ['a', 'b', 'a', 'b']);
  });
});

describe('failover criteria', () => {
  const criteria = ['error', 'timeout', 'http_429', 'http_503'] as const;

  it('fails over on listed errors, timeouts and statuses', () => {
    assert.equal(shouldFailover(criteria, { kind: 'error', streamStarted: false }), true);
    assert.equal(shouldFailover(criteria, { kind: 'timeout', streamStarted: false }), true);
    assert.equal(shouldFailover(criteria, { kind: 'status', status: 429, streamStarted: false }), true);
    assert.equal(shouldFailover(criteria, { kind: 'status', status: 503, streamStarted: false }), true);
  });

  it('does not fail over on unlisted statuses, client errors, or invalid headers unless listed', () => {
    assert.equal(shouldFailover(criteria, { kind: 'status', status: 400, streamStarted: false }), false);
    assert.equal(shouldFailover(criteria, { kind: 'status', status: 404, streamStarted: false }), false);
    assert.equal(shouldFailover(criteria, { kind: 'status', status: 500, streamStarted: false }), false);
    assert.equal(shouldFailover(criteria, { kind: 'invalid_header', streamStarted: false }), false);
    assert.equal(shouldFailover(['invalid_header'], { kind: 'invalid_header', streamStarted: false }), true);
  });

  it('never fails over once the stream has started', () => {
    assert.equal(shouldFailover(criteria, { kind: 'error', streamStarted: true }), false);
    assert.equal(shouldFailover(criteria, { kind: 'status', status: 503, streamStarted: true }), false);
  });
});
