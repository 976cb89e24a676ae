/** Limits through HTTP, one proxy (counters in memory): a burst of 50 parallel requests against a
 * 1,000-token-per-minute limit admits no more than the limit plus one request's reservation;
 * Kong's 429 body and rate-limit headers; a request limit refuses the request past it; metrics and
 * logs say what happened. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MockProviders } from '../mock/index.ts';
import type { LimitsPolicy } from '../model/index.ts';
import type { ReferenceProxy } from './index.ts';
import { get, post, type Answer } from './testing/client.ts';
import { bundle, model, route } from './testing/gateway.ts';
import { memoryLog, type MemoryLog } from './testing/memory-log.ts';
import { startMockedProxy } from '../../test/support/mocked-proxy.ts';

const TOKENS_PER_MINUTE = 1000;
const tokenLimit: LimitsPolicy = {
  limits: [{ limit: TOKENS_PER_MINUTE, windowSeconds: 60, count: 'total-tokens', by: 'route' }],
  window: 'sliding',
  hideHeaders: false,
};
const requestLimit: LimitsPolicy = { limits: [{ limit: 3, windowSeconds: 60, count: 'requests', by: 'ip' }], window: 'sliding', hideHeaders: false };

// 40 prompt words and max_tokens 50: the limiter reserves 40 + 50 = 90 tokens per request in flight;
// the mock's echo uses 40 + 41 = 81.
const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
const body = { messages: [{ role: 'user', content: words }], max_tokens: 50 };
const RESERVED = 90;

describe('limits through the proxy', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  let log: MemoryLog;

  before(async () => {
    log = memoryLog();
    ({ mock, proxy } = await startMockedProxy({
      bundle: bundle({
        providers: [{ name: 'openai', kind: 'openai', allowAuthOverride: false }],
        models: [model('gpt-4o', 'openai')],
        routes: [route('tokens', ['gpt-4o'], { policies: { limits: tokenLimit } }), route('requests', ['gpt-4o'], { policies: { limits: requestLimit } })],
      }),
      log,
      metricsOnProxyPort: true,
    }, { record: false }));
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });

  describe('GIVEN 1,000 tokens a minute WHEN 50 requests arrive at once', () => {
    let answers: Answer[];
    before(async () => {
      answers = await Promise.all(Array.from({ length: 50 }, () => post(`${proxy.url}/tokens`, body)));
    });

    it('THEN the admitted requests use no more than the limit plus one in-flight request', (t) => {
      const admitted = answers.filter((a) => a.status === 200);
      const used = admitted.reduce((n, a) => n + (a.json() as { usage: { total_tokens: number } }).usage.total_tokens, 0);
      t.diagnostic(`${admitted.length} of 50 admitted, ${used} tokens used (limit ${TOKENS_PER_MINUTE}, reservation ${RESERVED} per request)`);
      // A request is admitted while reserved plus used tokens are under the limit, and it reserves
      // at least what it uses: so the admitted use less than the limit plus one reservation, and
      // (nothing being refused early) more than the limit minus one.
      assert.ok(used <= TOKENS_PER_MINUTE + RESERVED, `${used} tokens used`);
      assert.ok(used > TOKENS_PER_MINUTE - RESERVED, `only ${used} tokens used`);
      assert.equal(answers.filter((a) => a.status === 429).length, 50 - admitted.length);
    });

    it("THEN the refused get Kong's 429 body and the rate-limit headers", () => {
      const refused = answers.find((a) => a.status === 429);
      assert.ok(refused);
      assert.deepEqual(refused.json(), { message: 'AI token rate limit exceeded for provider(s): openai' });
      assert.equal(refused.headers['x-ai-ratelimit-limit-60-route-total-tokens'], '1000');
      assert.equal(refused.headers['x-ai-ratelimit-remaining-60-route-total-tokens'], '0');
      const retry = Number(refused.headers['retry-after']);
      assert.ok(retry >= 1 && retry <= 120, `Retry-After ${retry}`);
      assert.equal(refused.headers['x-ai-ratelimit-retry-after'], String(retry));
      assert.equal(refused.headers['x-ai-ratelimit-retry-after-60-route-total-tokens'], String(retry));
    });

    it('THEN the admitted carry the limit and what remained when they were admitted', () => {
      const ok = answers.find((a) => a.status === 200);
      assert.equal(ok?.headers['x-ai-ratelimit-limit-60-route-total-tokens'], '1000');
      assert.match(String(ok?.headers['x-ai-ratelimit-remaining-60-route-total-tokens']), /^\d+$/);
    });

    it('THEN later requests are refused until real usage leaves the window', async () => {
      const r = await post(`${proxy.url}/tokens`, body);
      assert.equal(r.status, 429);
    });
  });

  it('GIVEN 3 requests a minute per IP THEN the fourth is refused', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(`${proxy.url}/requests`, body)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  });

  it('counts rejections and the remaining amounts in the metrics, and the outcome in the log', async () => {
    const text = (await get(`${proxy.url}/metrics`)).text;
    const value = (prefix: string) => Number(text.split('\n').find((l) => l.startsWith(prefix))?.split(' ').at(-1));
    const outcomes = log.entries().filter((e) => e.route === 'tokens').map((e) => e.limit);
    const allowed = outcomes.filter((o) => o === 'allowed').length;
    const rejected = outcomes.filter((o) => o === 'rejected').length;
    assert.equal(allowed + rejected, 51);
    assert.equal(value('aigate_limit_rejections_total{route="tokens",consumer=""}'), rejected);
    assert.equal(value('aigate_limit_rejections_total{route="requests",consumer=""}'), 1);
    assert.equal(value('aigate_limit_remaining{route="tokens",consumer="",limit="60-route-total-tokens"}'), 0);
  });
});
