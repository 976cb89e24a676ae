/** Fallback through HTTP: when the first model answers 429 or 5xx, times out, or fails before the
 * first streamed byte reached the client, the next model answers (and says so in
 * `X-AIGate-Served-By`); once a stream has sent bytes, a failure ends it with an error event and no
 * other model is tried; statuses the route does not list pass through. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startMockProviders, type MockProviders, type MockReply } from '../mock/index.ts';
import type { ReferenceProxy } from './index.ts';
import { get, post, sseData } from './testing/client.ts';
import { bundle, DEFAULT_BALANCER, model, route } from './testing/gateway.ts';
import { memoryLog, type MemoryLog } from './testing/memory-log.ts';
import { startMockedProxy } from '../../test/support/mocked-proxy.ts';

const chat = { messages: [{ role: 'user', content: 'one two three' }] };
const streamed = { ...chat, stream: true };

describe('fallback between models', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  let log: MemoryLog;
  const url = () => `${proxy.url}/fallback`;
  /** Which provider models the mock was asked for, in order. */
  const asked = () => mock.received.map((r) => r.model);

  before(async () => {
    log = memoryLog();
    ({ mock, proxy } = await startMockedProxy({
      bundle: bundle({
        providers: [
          { name: 'openai', kind: 'openai', allowAuthOverride: false },
          { name: 'anthropic', kind: 'anthropic', allowAuthOverride: false, anthropicVersion: '2023-06-01' },
        ],
        // Different providers: fallback crosses them, as Kong's does from 3.10.
        models: [model('primary', 'openai', { model: 'gpt-4o' }), model('backup', 'anthropic', { model: 'claude-sonnet' })],
        routes: [
          route('fallback', ['primary', 'backup'], {
            balancer: {
              ...DEFAULT_BALANCER,
              algorithm: 'priority',
              weights: { primary: 100, backup: 50 },
              retries: 1,
              failover: ['error', 'timeout', 'http_429', 'http_500', 'http_502', 'http_503', 'http_504'],
              // undici checks short timeouts with about a second's resolution.
              readTimeoutMs: 300,
            },
          }),
          route('sticky', ['primary', 'backup'], { balancer: { ...DEFAULT_BALANCER, algorithm: 'consistent-hashing', hashOnHeader: 'X-Session-Id' } }),
        ],
      }),
      log,
      metricsOnProxyPort: true,
    }));
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });
  beforeEach(() => mock.reset());

  const failFirst = (reply: MockReply) => mock.onModel('gpt-4o', reply);

  it('GIVEN both models healthy THEN the priority model serves', async () => {
    const r = await post(url(), chat);
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-aigate-served-by'], 'primary');
    assert.equal(r.headers['x-kong-llm-model'], 'openai/gpt-4o');
    assert.deepEqual(asked(), ['gpt-4o']);
  });

  for (const status of [429, 500, 502, 503, 504]) {
    it(`GIVEN the first model answers ${status} THEN the next one answers`, async () => {
      failFirst({ status });
      const r = await post(url(), chat);
      assert.equal(r.status, 200);
      assert.equal(r.headers['x-aigate-served-by'], 'backup');
      assert.equal(r.headers['x-kong-llm-model'], 'anthropic/claude-sonnet');
      assert.equal((r.json() as { choices: { message: { content: string } }[] }).choices[0]?.message.content, 'echo: one two three');
      assert.deepEqual(asked(), ['gpt-4o', 'claude-sonnet']);
    });
  }

  it('GIVEN the first model does not answer in time THEN the next one answers', async () => {
    failFirst({ fault: 'hang' });
    const started = Date.now();
    const r = await post(url(), chat);
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-aigate-served-by'], 'backup');
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  it('GIVEN the first model resets the connection of a stream THEN the next one streams', async () => {
    failFirst({ fault: 'reset' });
    const r = await post(url(), streamed);
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-aigate-served-by'], 'backup');
    assert.equal(sseData(r.text).at(-1), '[DONE]');
  });

  it('GIVEN the first model\'s stream breaks before its first event THEN nothing reached the client and the next one streams', async () => {
    failFirst({ fault: 'cut-stream', cutAfter: 0 });
    const r = await post(url(), streamed);
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-aigate-served-by'], 'backup');
    assert.equal(sseData(r.text).at(-1), '[DONE]');
    assert.deepEqual(asked(), ['gpt-4o', 'claude-sonnet']);
  });

  it('GIVEN the first model\'s stream breaks after bytes were sent THEN the client gets an error event, never a clean end, and no other model', async () => {
    failFirst({ fault: 'cut-stream', cutAfter: 3 });
    const r = await post(url(), streamed);
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-aigate-served-by'], 'primary');
    const data = sseData(r.text);
    assert.ok(data.length >= 2, r.text);
    assert.ok(!data.includes('[DONE]'), r.text);
    assert.deepEqual(JSON.parse(data.at(-1) as string), { error: { message: 'An invalid response was received from the upstream server' } });
    assert.deepEqual(asked(), ['gpt-4o']);
  });

  it('GIVEN a status the route does not fail over on (400) THEN it passes through from the first model', async () => {
    failFirst({ status: 400 });
    const r = await post(url(), chat);
    assert.equal(r.status, 400);
    assert.equal(r.headers['x-aigate-served-by'], 'primary');
    assert.deepEqual(asked(), ['gpt-4o']);
  });

  it('GIVEN every model fails THEN the last failure is the client\'s', async () => {
    failFirst({ status: 500 });
    mock.onModel('claude-sonnet', { status: 503 });
    const r = await post(url(), chat);
    assert.equal(r.status, 503);
    assert.equal(r.headers['x-aigate-served-by'], 'backup');
    assert.equal((r.json() as { type?: string }).type, 'error', 'Anthropic\'s own error body, passed through');
  });

  it('GIVEN the client names the backup model THEN it is tried first', async () => {
    const r = await post(url(), { ...chat, model: 'claude-sonnet' });
    assert.equal(r.headers['x-aigate-served-by'], 'backup');
    assert.deepEqual(asked(), ['claude-sonnet']);
  });

  it('GIVEN consistent hashing on a session header THEN each session stays on one model, and sessions spread', async () => {
    const servedBy = async (session: string) => (await post(`${proxy.url}/sticky`, chat, { headers: { 'x-session-id': session } })).headers['x-aigate-served-by'];
    const sessions = Array.from({ length: 12 }, (_, i) => `session-${i}`);
    const first = await Promise.all(sessions.map(servedBy));
    const again = await Promise.all(sessions.map(servedBy));
    assert.deepEqual(again, first);
    assert.deepEqual([...new Set(first)].sort(), ['backup', 'primary']);
  });

  it('logs the attempts and labels metrics with the model that served', async () => {
    failFirst({ status: 429 });
    await post(url(), chat);
    const entry = log.entries().at(-1);
    assert.equal(entry?.attempts, 2);
    assert.equal(entry?.model, 'backup');
    const metrics = (await get(`${proxy.url}/metrics`)).text;
    assert.match(metrics, /aigate_requests_total\{route="fallback",consumer="",provider="anthropic",model="backup",status="200"\} \d+/);
  });
});
