/** Metrics and logs after a few requests: token counts from the mock's deterministic usage, cost from
 * the model's prices, one log line per request with tokens and cost, and no secret anywhere. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MockProviders } from '../mock/index.ts';
import type { ReferenceProxy } from './index.ts';
import { get, post } from './testing/client.ts';
import { bundle, consumer, KEY_AUTH, model, route } from './testing/gateway.ts';
import { memoryLog, type MemoryLog } from './testing/memory-log.ts';
import { startMockedProxy } from '../../test/support/mocked-proxy.ts';

const CANARY = 'CANARY-7f3a';
const PROVIDER_SECRET = `Bearer ${CANARY}-provider`;
const ALICE_KEY = `${CANARY}-alice`;
// "one two three" is 3 prompt words; the echo "echo: one two three" is 4 completion words.
const chat = { messages: [{ role: 'user', content: 'one two three' }] };

describe('metrics and logs', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  let log: MemoryLog;

  before(async () => {
    log = memoryLog();
    ({ mock, proxy } = await startMockedProxy({
      bundle: bundle({
        providers: [
          { name: 'openai', kind: 'openai', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value: { kind: 'env', name: 'OBS_OPENAI_AUTH' } } },
          { name: 'anthropic', kind: 'anthropic', allowAuthOverride: false, anthropicVersion: '2023-06-01' },
        ],
        models: [model('gpt-4o', 'openai', { options: { inputCost: 2.5, outputCost: 10 } }), model('claude', 'anthropic', { options: { inputCost: 3, outputCost: 15 } })],
        routes: [route('priced', ['gpt-4o'], { keyAuth: KEY_AUTH }), route('claude', ['claude'], { keyAuth: KEY_AUTH })],
        consumers: [consumer('alice', 'OBS_ALICE_KEY', ['engineering'])],
      }),
      env: { OBS_OPENAI_AUTH: PROVIDER_SECRET, OBS_ALICE_KEY: ALICE_KEY },
      log,
      metricsOnProxyPort: true,
    }));

    // Two buffered chats, one streamed chat, one wrong key, one key in the query.
    const key = { apikey: ALICE_KEY };
    for (let i = 0; i < 2; i++) assert.equal((await post(`${proxy.url}/priced`, chat, { headers: key })).status, 200);
    assert.equal((await post(`${proxy.url}/claude`, { ...chat, stream: true }, { headers: key })).status, 200);
    assert.equal((await post(`${proxy.url}/priced`, chat, { headers: { apikey: `${CANARY}-wrong` } })).status, 401);
    assert.equal((await post(`${proxy.url}/priced?apikey=${ALICE_KEY}`, chat)).status, 200);
    // A stream's line is written once its upstream has ended.
    for (let i = 0; i < 100 && log.lines.length < 5; i++) await sleep(5);
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });

  it('counts requests, tokens and cost per route, consumer, provider, model and status', async () => {
    const r = await get(`${proxy.url}/metrics`);
    assert.equal(r.status, 200);
    const labels = 'route="priced",consumer="alice",provider="openai",model="gpt-4o",status="200"';
    const lines = r.text.split('\n');
    const value = (prefix: string) => Number(lines.find((l) => l.startsWith(prefix))?.split(' ').at(-1));
    assert.equal(value(`aigate_requests_total{${labels}}`), 3);
    assert.equal(value(`aigate_llm_tokens_total{${labels},token_type="prompt_tokens"}`), 9);
    assert.equal(value(`aigate_llm_tokens_total{${labels},token_type="completion_tokens"}`), 12);
    assert.equal(value(`aigate_llm_tokens_total{${labels},token_type="total_tokens"}`), 21);
    // 3 × (3 × 2.5 + 4 × 10) / 1e6
    assert.ok(Math.abs(value(`aigate_llm_cost_total{${labels}}`) - 0.0001425) < 1e-12);
    assert.equal(value(`aigate_llm_provider_latency_ms_count{${labels}}`), 3);
    assert.match(r.text, /aigate_llm_provider_latency_ms_bucket\{le="250",route="priced"/);
    // The streamed Anthropic chat reports its own usage.
    const claude = 'route="claude",consumer="alice",provider="anthropic",model="claude",status="200"';
    assert.equal(value(`aigate_llm_tokens_total{${claude},token_type="total_tokens"}`), 7);
    assert.equal(value(`aigate_requests_total{route="priced",consumer="",provider="",model="",status="401"}`), 1);
  });

  it('writes one JSON line per request with tokens and cost', () => {
    const entries = log.entries();
    assert.equal(entries.length, 5);
    const first = entries[0];
    assert.equal(first?.route, 'priced');
    assert.equal(first?.consumer, 'alice');
    assert.equal(first?.provider, 'openai');
    assert.equal(first?.model, 'gpt-4o');
    assert.equal(first?.status, 200);
    assert.deepEqual(first?.tokens, { prompt: 3, completion: 4, total: 7 });
    assert.equal(first?.cost, 0.0000475);
    assert.ok((first?.latency_ms ?? -1) >= 0 && (first?.upstream_latency_ms ?? -1) >= 0);
    const streamed = entries.find((e) => e.stream);
    assert.deepEqual(streamed?.tokens, { prompt: 3, completion: 4, total: 7 });
    assert.equal(streamed?.cost, (3 * 3 + 4 * 15) / 1e6);
    assert.deepEqual(
      entries.map((e) => e.status),
      [200, 200, 200, 401, 200],
    );
  });

  it('never logs a secret: not the provider key, not a consumer key, not a wrong key', async () => {
    // The provider really got its resolved secret, so the canary was in play.
    assert.equal(mock.received[0]?.headers.authorization, PROVIDER_SECRET);
    for (const line of log.lines) assert.ok(!line.includes(CANARY), line);
    assert.ok(!(await get(`${proxy.url}/metrics`)).text.includes(CANARY));
  });
});
