/** The exact-match response cache through HTTP: the second identical request is a hit served
 * without the upstream, another consumer misses, streams are replayed frame for frame, and error
 * replies and cut streams are never kept. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MockProviders } from '../mock/index.ts';
import type { ReferenceProxy } from './index.ts';
import { get, post, sseData } from './testing/client.ts';
import { bundle, consumer, KEY_AUTH, model, route } from './testing/gateway.ts';
import { memoryLog, type MemoryLog } from './testing/memory-log.ts';
import { startMockedProxy } from '../../test/support/mocked-proxy.ts';

const ALICE = { apikey: 'alice-cache-key' };
const BOB = { apikey: 'bob-cache-key' };
let n = 0;
/** A question no earlier test asked, so each test starts from an empty slot. */
const fresh = () => ({ messages: [{ role: 'user', content: `question number ${++n}` }] });

describe('response cache through the proxy', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  let log: MemoryLog;
  const url = () => `${proxy.url}/cached`;

  before(async () => {
    log = memoryLog();
    ({ mock, proxy } = await startMockedProxy({
      bundle: bundle({
        providers: [{ name: 'openai', kind: 'openai', allowAuthOverride: false }],
        models: [model('gpt-4o', 'openai')],
        routes: [route('cached', ['gpt-4o'], { keyAuth: KEY_AUTH, policies: { cache: { ttlSeconds: 300, cacheControl: false } } })],
        consumers: [consumer('alice', 'CACHE_ALICE'), consumer('bob', 'CACHE_BOB')],
      }),
      env: { CACHE_ALICE: ALICE.apikey, CACHE_BOB: BOB.apikey },
      log,
      metricsOnProxyPort: true,
    }));
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });
  beforeEach(() => mock.reset());

  it('GIVEN an answered question WHEN the same consumer asks it again THEN a hit, served without the upstream', async () => {
    const q = fresh();
    const first = await post(url(), q, { headers: ALICE });
    const second = await post(url(), q, { headers: ALICE });
    assert.equal(first.headers['x-cache-status'], 'Miss');
    assert.equal(second.status, 200);
    assert.equal(second.headers['x-cache-status'], 'Hit');
    assert.equal(second.headers['x-cache-key'], first.headers['x-cache-key']);
    assert.equal(second.text, first.text);
    assert.equal(second.headers['x-aigate-served-by'], 'gpt-4o', 'the stored headers say which model answered');
    assert.equal(mock.received.length, 1);
  });

  it('GIVEN an answer cached for alice WHEN bob asks the same THEN a miss', async () => {
    const q = fresh();
    await post(url(), q, { headers: ALICE });
    const r = await post(url(), q, { headers: BOB });
    assert.equal(r.headers['x-cache-status'], 'Miss');
    assert.equal(mock.received.length, 2);
  });

  it('GIVEN the same question streamed twice THEN the second stream is replayed from the cache, frame for frame', async () => {
    const q = { ...fresh(), stream: true };
    const first = await post(url(), q, { headers: ALICE });
    await sleep(10); // the recording is stored as the stream ends
    const second = await post(url(), q, { headers: ALICE });
    assert.equal(second.headers['x-cache-status'], 'Hit');
    assert.equal(second.headers['content-type'], 'text/event-stream');
    assert.equal(second.text, first.text);
    assert.equal(sseData(second.text).at(-1), '[DONE]');
    assert.equal(mock.received.length, 1);
  });

  it('GIVEN an upstream error THEN it is not cached: the next request goes upstream', async () => {
    const q = fresh();
    mock.enqueue({ status: 500 });
    assert.equal((await post(url(), q, { headers: ALICE })).status, 500);
    const again = await post(url(), q, { headers: ALICE });
    assert.equal(again.status, 200);
    assert.equal(again.headers['x-cache-status'], 'Miss');
    assert.equal(mock.received.length, 2);
  });

  it('GIVEN a stream cut short THEN it is not cached: the next request goes upstream', async () => {
    const q = { ...fresh(), stream: true };
    mock.enqueue({ fault: 'cut-stream', cutAfter: 3 });
    const cut = await post(url(), q, { headers: ALICE });
    assert.ok(!sseData(cut.text).includes('[DONE]'));
    await sleep(10);
    const again = await post(url(), q, { headers: ALICE });
    assert.equal(again.headers['x-cache-status'], 'Miss');
    assert.equal(sseData(again.text).at(-1), '[DONE]');
    assert.equal(mock.received.length, 2);
  });

  it('GIVEN a buffered answer cached WHEN the same question is streamed THEN a miss (each is replayed the way it was asked)', async () => {
    const q = fresh();
    await post(url(), q, { headers: ALICE });
    const r = await post(url(), { ...q, stream: true }, { headers: ALICE });
    assert.equal(r.headers['x-cache-status'], 'Miss');
  });

  it('counts lookups by status in the metrics and logs the status', async () => {
    const text = (await get(`${proxy.url}/metrics`)).text;
    assert.match(text, /aigate_cache_requests_total\{route="cached",consumer="alice",cache_status="Hit"\} 2/);
    assert.match(text, /aigate_cache_requests_total\{route="cached",consumer="alice",cache_status="Miss"\} \d+/);
    const hit = log.entries().find((e) => e.cache === 'Hit');
    assert.equal(hit?.status, 200);
    assert.equal(hit?.attempts, 0);
    assert.equal(hit?.provider, null, 'no provider was called');
  });
});
