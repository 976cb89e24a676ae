/** When the provider fails: a reset or refused connection is Kong's 502, a silent one Kong's 504;
 * a stream that breaks, stalls or sends garbage after bytes went out ends with an error event and
 * never a clean `[DONE]`; a client that goes away aborts the upstream request. */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { pointAtMocks } from '../mock/point-at-mocks.ts';
import { startMockProviders, type MockProviders } from '../mock/index.ts';
import type { Model, Provider, RouteType } from '../model/index.ts';
import { startProxy, type ReferenceProxy } from './index.ts';
import { post, sseData } from './testing/client.ts';
import { bundle, model, route } from './testing/gateway.ts';
import { memoryLog, type MemoryLog } from './testing/memory-log.ts';
import { ERROR_FRAME } from './translate/index.ts';

const chat = { messages: [{ role: 'user', content: 'one two three four five six' }] };
const streamed = { ...chat, stream: true };

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('upstream faults', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  let log: MemoryLog;
  /** An upstream that never answers and reports when the proxy hangs up. */
  let silent: Server;
  const silentRequests: IncomingMessage[] = [];
  const closedAt: number[] = [];
  let deadUrl: string;

  before(async () => {
    mock = await startMockProviders();
    silent = createServer((req) => {
      silentRequests.push(req);
      req.socket.once('close', () => closedAt.push(Date.now()));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1/chat/completions`;
    // A port nobody listens on: bind one, then free it.
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    deadUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/v1/chat/completions`;
    await new Promise<void>((r) => gone.close(() => r()));

    const toMock = pointAtMocks(mock.url);
    const upstreamUrlFor = (p: Provider, m: Model, t: RouteType, s: boolean) => (p.name === 'dead' ? deadUrl : p.name === 'silent' ? silentUrl : toMock(p, m, t, s));
    log = memoryLog();
    const started = await startProxy({
      bundle: bundle({
        providers: [
          { name: 'openai', kind: 'openai', allowAuthOverride: false },
          { name: 'anthropic', kind: 'anthropic', allowAuthOverride: false, anthropicVersion: '2023-06-01' },
          { name: 'dead', kind: 'openai', allowAuthOverride: false },
          { name: 'silent', kind: 'openai', allowAuthOverride: false },
        ],
        models: [model('gpt-4o', 'openai'), model('claude', 'anthropic'), model('dead-model', 'dead'), model('silent-model', 'silent')],
        routes: [route('openai', ['gpt-4o']), route('anthropic', ['claude']), route('dead', ['dead-model']), route('silent', ['silent-model'])],
      }),
      admin: false,
      log,
      readTimeoutMs: 300,
      upstreamUrlFor,
    });
    assert.ok(started.ok);
    proxy = started.value;
  });
  after(async () => {
    await proxy.close();
    await mock.close();
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });
  beforeEach(() => mock.reset());

  it("answers Kong's 502 when the upstream resets the connection", async () => {
    mock.enqueue({ fault: 'reset' });
    const r = await post(`${proxy.url}/openai`, chat);
    assert.equal(r.status, 502);
    assert.deepEqual(r.json(), { message: 'An invalid response was received from the upstream server' });
  });

  it("answers Kong's 502 when the upstream refuses the connection", async () => {
    const r = await post(`${proxy.url}/dead`, chat);
    assert.equal(r.status, 502);
    assert.deepEqual(r.json(), { message: 'An invalid response was received from the upstream server' });
  });

  it("answers Kong's 504 when the upstream does not answer in time", async () => {
    mock.enqueue({ fault: 'hang' });
    const started = Date.now();
    const r = await post(`${proxy.url}/openai`, chat);
    assert.equal(r.status, 504);
    assert.deepEqual(r.json(), { message: 'The upstream server is timing out' });
    assert.ok(Date.now() - started < 2000);
  });

  it('answers 502 when a buffered reply is cut before its end', async () => {
    mock.enqueue({ fault: 'cut-stream', cutAfter: 20 });
    const r = await post(`${proxy.url}/openai`, chat);
    assert.equal(r.status, 502);
  });

  it('passes an upstream error status through untouched', async () => {
    mock.enqueue({ status: 503 });
    const r = await post(`${proxy.url}/anthropic`, streamed);
    assert.equal(r.status, 503);
    assert.equal(r.headers['x-kong-llm-model'], undefined);
    assert.equal((r.json() as { type?: string }).type, 'error');
  });

  for (const provider of ['openai', 'anthropic']) {
    it(`${provider}: a stream cut after some events ends with an error event, not [DONE]`, async () => {
      mock.enqueue({ fault: 'cut-stream', cutAfter: 3 });
      const r = await post(`${proxy.url}/${provider}`, streamed);
      assert.equal(r.status, 200);
      const data = sseData(r.text);
      assert.ok(data.length >= 2, r.text);
      assert.ok(!data.includes('[DONE]'), r.text);
      assert.deepEqual(JSON.parse(data.at(-1) as string), { error: { message: 'An invalid response was received from the upstream server' } });
    });
  }

  it('a malformed chunk ends the stream with Kong’s error chunk', async () => {
    mock.enqueue({ fault: 'malformed-chunk', cutAfter: 2 });
    const r = await post(`${proxy.url}/openai`, streamed);
    assert.equal(r.status, 200);
    assert.ok(r.text.endsWith(ERROR_FRAME), r.text);
    assert.ok(!sseData(r.text).includes('[DONE]'));
    await until(() => log.entries().some((e) => e.error === 'stream_untranslatable'));
  });

  it('a stream that stalls longer than the read timeout ends with a timeout error event', async () => {
    // undici checks timeouts below a second with about a second's resolution, hence the long stall.
    mock.enqueue({ chunkIntervalMs: 1500 });
    const r = await post(`${proxy.url}/openai`, streamed);
    const data = sseData(r.text);
    assert.ok(data.length >= 2, r.text);
    assert.deepEqual(JSON.parse(data.at(-1) as string), { error: { message: 'The upstream server is timing out' } });
  });

  it('a client that goes away aborts the upstream request', async () => {
    // GIVEN an upstream that holds the request open
    const before = silentRequests.length;
    const abort = new AbortController();
    const pending = request(`${proxy.url}/silent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat), signal: abort.signal });
    await until(() => silentRequests.length > before);
    const seenAt = Date.now();

    // WHEN the client hangs up
    abort.abort();
    await assert.rejects(pending);

    // THEN the proxy hangs up on the upstream too, well before its read timeout would have
    await until(() => closedAt.length > 0, 1000);
    assert.ok((closedAt[0] as number) - seenAt < 250, `upstream closed ${(closedAt[0] as number) - seenAt} ms after the request`);
    await until(() => log.entries().some((e) => e.route === 'silent' && e.status === 499));
  });

  it('a client that leaves a mock stream midway stops the upstream stream', async () => {
    // GIVEN a mock stream that would take about 1.4 s (7 chunks, 200 ms apart)
    mock.enqueue({ chunkIntervalMs: 200 });
    const r = await request(`${proxy.url}/openai`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(streamed) });
    // WHEN the client reads the first chunk and leaves
    for await (const _ of r.body) break;
    // THEN the proxy's upstream call ends at once, as a client-closed request
    await until(() => log.entries().some((e) => e.route === 'openai' && e.status === 499));
    const entry = log.entries().find((e) => e.route === 'openai' && e.status === 499);
    assert.equal(entry?.error, 'client_closed');
    assert.ok((entry?.upstream_latency_ms ?? Infinity) < 800, `upstream ran ${entry?.upstream_latency_ms} ms`);
    assert.equal(mock.received.length, 1);
  });
});
