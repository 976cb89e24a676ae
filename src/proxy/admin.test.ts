/** The admin listener: open health check, bearer-token guard, the running bundle's hash, and a hot
 * reload that swaps the configuration without dropping a request that is still in flight. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { pointAtMocks } from '../mock/point-at-mocks.ts';
import { startMockProviders, type MockProviders } from '../mock/index.ts';
import { bundleHash, startProxy, type ReferenceProxy } from './index.ts';
import { get, post } from './testing/client.ts';
import { bundle, model, route } from './testing/gateway.ts';

const providers = [
  { name: 'openai', kind: 'openai', allowAuthOverride: false },
  { name: 'anthropic', kind: 'anthropic', allowAuthOverride: false, anthropicVersion: '2023-06-01' },
] as const;
const models = [model('gpt-4o', 'openai'), model('claude', 'anthropic')];
const first = bundle({ name: 'first', providers, models, routes: [route('chat', ['gpt-4o'])] });
const second = bundle({ name: 'second', providers, models, routes: [route('chat', ['claude'])] });
const chat = { messages: [{ role: 'user', content: 'hello' }] };

function postConfig(proxy: ReferenceProxy, body: unknown, token = proxy.admin?.token) {
  return request(`${proxy.admin?.url}/config`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
}

describe('the admin listener', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  before(async () => {
    mock = await startMockProviders();
    const started = await startProxy({ bundle: first, log: false, admin: { token: 'admin-token' }, upstreamUrlFor: pointAtMocks(mock.url) });
    assert.ok(started.ok);
    proxy = started.value;
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });

  it('listens on loopback and answers /health without a token', async () => {
    assert.match(proxy.admin?.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await get(`${proxy.admin?.url}/health`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json(), { status: 'ok' });
  });

  it('refuses /config and /metrics without the right bearer token', async () => {
    for (const path of ['/config', '/metrics']) {
      assert.equal((await get(`${proxy.admin?.url}${path}`)).status, 401);
      assert.equal((await get(`${proxy.admin?.url}${path}`, 'wrong')).status, 401);
    }
    assert.equal((await postConfig(proxy, second, 'wrong')).statusCode, 401);
    assert.equal(proxy.current().name, 'first');
  });

  it("reports the gateway's name, the sha256 of its canonical bundle, and the bundle", async () => {
    const r = await get(`${proxy.admin?.url}/config`, 'admin-token');
    assert.equal(r.status, 200);
    const body = r.json() as { name: string; hash: string; bundle: unknown };
    assert.equal(body.name, 'first');
    assert.equal(body.hash, bundleHash(first));
    assert.match(body.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(body.bundle, JSON.parse(JSON.stringify(first)));
  });

  it('refuses a bundle of another version and keeps serving the current one', async () => {
    const r = await postConfig(proxy, { ...first, bundleVersion: 99 });
    assert.equal(r.statusCode, 400);
    const body = (await r.body.json()) as { diagnostics: { path: string; message: string }[] };
    assert.equal(body.diagnostics[0]?.path, 'bundleVersion');
    assert.match(body.diagnostics[0]?.message ?? '', /bundleVersion 99.*bundleVersion 1/);
    assert.equal(proxy.current().hash, bundleHash(first));
  });

  it('hot-reloads a new bundle while a slow request finishes on the old one', async () => {
    // GIVEN a request in flight on the first configuration, held by a slow upstream
    mock.enqueue({ delayMs: 400 });
    const slow = post(`${proxy.url}/chat`, chat);
    while (mock.received.length === 0) await new Promise((r) => setTimeout(r, 5));

    // WHEN the second configuration is posted
    const r = await postConfig(proxy, second);
    assert.equal(r.statusCode, 201);
    const body = (await r.body.json()) as { name: string; hash: string; previousHash: string };
    assert.deepEqual([body.name, body.hash, body.previousHash], ['second', bundleHash(second), bundleHash(first)]);

    // THEN new requests run on the second configuration at once
    const fresh = await post(`${proxy.url}/chat`, chat);
    assert.equal(fresh.headers['x-kong-llm-model'], 'anthropic/claude');
    // AND the request that started before the reload completes on the first
    const old = await slow;
    assert.equal(old.status, 200);
    assert.equal(old.headers['x-kong-llm-model'], 'openai/gpt-4o');
    assert.deepEqual(
      mock.received.map((x) => x.provider),
      ['openai', 'anthropic'],
    );
  });

  it('serves the metrics with the token', async () => {
    const r = await get(`${proxy.admin?.url}/metrics`, 'admin-token');
    assert.equal(r.status, 200);
    assert.match(r.text, /^aigate_requests_total\{route="chat",consumer="",provider="openai",model="gpt-4o",status="200"\} 1$/m);
  });
});

describe('the admin token', () => {
  it('is generated when none is given', async () => {
    const started = await startProxy({ bundle: first, log: false });
    assert.ok(started.ok);
    const token = started.value.admin?.token ?? '';
    assert.ok(token.length >= 32);
    assert.equal((await get(`${started.value.admin?.url}/config`, token)).status, 200);
    await started.value.close();
  });
});
