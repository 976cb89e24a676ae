import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import type { CachePolicy } from '../../model/index.ts';
import { createResponseCache, type CacheLookup, type CacheRequest } from './cache.ts';
import { cacheKey, canonicalJson } from './cache-key.ts';
import { createRedisCacheStore } from './cache-redis-store.ts';
import { createMemoryCacheStore, type CacheStore } from './cache-store.ts';
import { connectRedis } from './redis.ts';
import { findRedisServer, startRedis, type TestRedis } from './testing-redis.ts';

const policy: CachePolicy = { ttlSeconds: 300, cacheControl: false };
const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 };
const request = (extra: Partial<CacheRequest> = {}): CacheRequest => ({ route: 'chat', consumer: 'alice', body, stream: false, headers: {}, ...extra });
const ok200 = { status: 200, headers: { 'content-type': 'application/json', 'content-length': '20', 'x-kong-llm-model': 'openai/gpt-4o' }, body: '{"choices":[]}' };
const miss = (l: CacheLookup) => {
  assert.ok(l.status === 'Miss' || l.status === 'Refresh', `expected a miss, got ${l.status}`);
  return l;
};
const clock = () => {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('cache key', () => {
  it('ignores key order and the delivery fields, but not the sampling parameters', () => {
    const a = cacheKey({ route: 'r', consumer: 'c', body: { model: 'm', temperature: 1, messages: [{ content: 'x', role: 'user' }] } });
    const b = cacheKey({ route: 'r', consumer: 'c', body: { messages: [{ role: 'user', content: 'x' }], stream: true, stream_options: { include_usage: true }, temperature: 1, model: 'm' } });
    assert.equal(a, b);
    assert.notEqual(a, cacheKey({ route: 'r', consumer: 'c', body: { model: 'm', temperature: 0.5, messages: [{ role: 'user', content: 'x' }] } }));
    assert.match(a, /^[0-9a-f]{64}$/);
  });

  it('keeps consumers and routes apart', () => {
    const k = (route: string, consumer?: string) => cacheKey({ route, ...(consumer !== undefined && { consumer }), body: { prompt: 'x' } });
    assert.equal(new Set([k('r', 'a'), k('r', 'b'), k('s', 'a'), k('r')]).size, 4);
  });

  it('writes canonical JSON with sorted keys at every depth', () => {
    assert.equal(canonicalJson({ b: [{ d: 1, c: 2 }], a: null }), '{"a":null,"b":[{"c":2,"d":1}]}');
  });
});

describe('exact-match cache (memory store)', () => {
  it('GIVEN a miss then a saved 200 THEN the same request is a hit with Kong’s headers', async () => {
    const c = clock();
    const cache = createResponseCache({ store: createMemoryCacheStore({ now: c.now }), now: c.now });
    const first = miss(await cache.lookup(policy, request()));
    assert.deepEqual(first.headers, { 'X-Cache-Status': 'Miss', 'X-Cache-Key': first.key, 'X-Cache-Ttl': '300' });
    assert.equal(await first.save(ok200), true);
    c.advance(12_000);
    const hit = await cache.lookup(policy, request({ body: { temperature: 0.2, messages: body.messages, model: 'gpt-4o' } }));
    assert.equal(hit.status, 'Hit');
    assert.deepEqual(hit.headers, { 'X-Cache-Status': 'Hit', 'X-Cache-Key': first.key, 'X-Cache-Ttl': '288', Age: '12' });
    assert.deepEqual(hit.status === 'Hit' && hit.response, { kind: 'json', headers: { 'content-type': 'application/json', 'x-kong-llm-model': 'openai/gpt-4o' }, body: '{"choices":[]}' });
    assert.equal((await cache.lookup(policy, request({ consumer: 'bob' }))).status, 'Miss', 'another consumer never gets alice’s answer');
  });

  it('GIVEN the TTL has passed THEN a miss again', async () => {
    const c = clock();
    const cache = createResponseCache({ store: createMemoryCacheStore({ now: c.now }), now: c.now });
    await miss(await cache.lookup(policy, request())).save(ok200);
    c.advance(300_001);
    assert.equal((await cache.lookup(policy, request())).status, 'Miss');
  });

  it('never stores errors or non-200 responses', async () => {
    const cache = createResponseCache({ store: createMemoryCacheStore() });
    const m = miss(await cache.lookup(policy, request()));
    assert.equal(await m.save({ ...ok200, status: 500 }), false);
    assert.equal(await m.save({ ...ok200, status: 429 }), false);
    assert.equal((await cache.lookup(policy, request())).status, 'Miss');
  });

  it('GIVEN a stream that ends cleanly THEN it is replayed as the same frames; a cut stream is not kept', async () => {
    const cache = createResponseCache({ store: createMemoryCacheStore() });
    const streamed = request({ stream: true });
    const cut = miss(await cache.lookup(policy, streamed)).recordStream(200, { 'content-type': 'text/event-stream' });
    cut.push('data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n');
    assert.equal(await cut.end(false), false);
    assert.equal((await cache.lookup(policy, streamed)).status, 'Miss');

    const frames = ['data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n', 'data: {"choices":[{"delta":{"content":"lo"}}]}\n\n', 'data: [DONE]'];
    const rec = miss(await cache.lookup(policy, streamed)).recordStream(200, { 'content-type': 'text/event-stream' });
    for (const f of frames) rec.push(f);
    assert.equal(await rec.end(true), true);
    const hit = await cache.lookup(policy, streamed);
    assert.deepEqual(hit.status === 'Hit' && hit.response, { kind: 'stream', headers: { 'content-type': 'text/event-stream' }, frames });
    assert.equal((await cache.lookup(policy, request())).status, 'Miss', 'a buffered request is not answered with stream frames');
  });

  it('GIVEN cacheControl WHEN the client sends no-store or no-cache THEN Bypass; without cacheControl they are ignored', async () => {
    const cache = createResponseCache({ store: createMemoryCacheStore() });
    const honour = { ...policy, cacheControl: true };
    for (const cc of ['no-store', 'no-cache', 'private, max-age=0']) {
      assert.deepEqual(await cache.lookup(honour, request({ headers: { 'cache-control': cc } })), { status: 'Bypass', headers: { 'X-Cache-Status': 'Bypass' } });
    }
    assert.equal((await cache.lookup(policy, request({ headers: { 'cache-control': 'no-store' } }))).status, 'Miss');
  });

  it('GIVEN cacheControl THEN the upstream’s no-cache prevents storing, and max-age sets the TTL', async () => {
    const c = clock();
    const cache = createResponseCache({ store: createMemoryCacheStore({ now: c.now }), now: c.now });
    const honour = { ...policy, cacheControl: true };
    assert.equal(await miss(await cache.lookup(honour, request())).save({ ...ok200, headers: { 'cache-control': 'no-cache' } }), false);
    await miss(await cache.lookup(honour, request())).save({ ...ok200, headers: { 'cache-control': 'max-age=60' } });
    assert.equal((await cache.lookup(honour, request())).headers['X-Cache-Ttl'], '60');
    c.advance(30_000);
    assert.equal((await cache.lookup(honour, request({ headers: { 'cache-control': 'max-age=10' } }))).status, 'Refresh', 'older than the client accepts');
  });

  it('keeps the memory store within its entry bound, evicting the least recently used', async () => {
    const store = createMemoryCacheStore({ maxEntries: 2 });
    const cache = createResponseCache({ store });
    const ask = (content: string) => request({ body: { messages: [{ role: 'user', content }] } });
    for (const q of ['a', 'b']) await miss(await cache.lookup(policy, ask(q))).save(ok200);
    assert.equal((await cache.lookup(policy, ask('a'))).status, 'Hit'); // a is now the most recent
    await miss(await cache.lookup(policy, ask('c'))).save(ok200);
    assert.deepEqual([(await cache.lookup(policy, ask('a'))).status, (await cache.lookup(policy, ask('b'))).status], ['Hit', 'Miss']);
    assert.equal(store.size().entries, 2);
  });

  it('GIVEN a failing store THEN a miss, not an error', async () => {
    const broken: CacheStore = { get: () => Promise.reject(new Error('down')), set: () => Promise.reject(new Error('down')) };
    const errors: unknown[] = [];
    const cache = createResponseCache({ store: broken, onError: (e) => errors.push(e) });
    const m = miss(await cache.lookup(policy, request()));
    assert.equal(await m.save(ok200), false);
    assert.equal(errors.length, 2);
  });
});

const binary = findRedisServer();
describe('exact-match cache (Redis store)', { skip: binary ? false : 'redis-server is not installed' }, () => {
  let server: TestRedis;
  let redis: Redis;
  before(async () => {
    server = await startRedis(binary!);
    redis = connectRedis({ host: '127.0.0.1', port: server.port, database: 0, tls: false });
  });
  after(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('GIVEN two proxies on one Redis THEN one’s saved answer is the other’s hit, and it expires', async () => {
    const a = createResponseCache({ store: createRedisCacheStore(redis) });
    const other = connectRedis({ host: '127.0.0.1', port: server.port, database: 0, tls: false });
    try {
      const b = createResponseCache({ store: createRedisCacheStore(other) });
      const short = { ...policy, ttlSeconds: 1 };
      await miss(await a.lookup(short, request())).save(ok200);
      const hit = await b.lookup(short, request());
      assert.equal(hit.status, 'Hit');
      assert.ok(Number(await redis.pttl(`aigate:cache:${hit.status === 'Hit' && hit.headers['X-Cache-Key']}:json`)) > 0, 'the key carries a TTL');
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await b.lookup(short, request())).status, 'Miss');
    } finally {
      other.disconnect();
    }
  });
});
