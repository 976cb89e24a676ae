/** Kong's own translation cases, black-box through a running proxy: the mock upstream replays the
 * recorded provider reply, the request it receives must be Kong's expected request, and the client
 * must get Kong's expected response (with the documented field differences of the translator). */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pointAtMocks } from '../mock/point-at-mocks.ts';
import { replyFromFile, startMockProviders, type MockProviders } from '../mock/index.ts';
import { startProxy, type ReferenceProxy } from './index.ts';
import { post } from './testing/client.ts';
import { bundle, route } from './testing/gateway.ts';
import { caseFile, KONG_CASES } from './translate/testing/kong-cases.ts';
import { fixtureJson, fixturesMissing, KONG_FIXTURES } from './translate/testing/kong-fixtures.ts';

describe('Kong ai-proxy unit fixtures through the proxy', { skip: fixturesMissing }, () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;

  before(async () => {
    mock = await startMockProviders();
    // One route per case, each with its own provider and model named after the case.
    const providers = KONG_CASES.map((c, i) => ({ ...c.provider, name: `p${i}` }));
    const models = KONG_CASES.map((c, i) => ({ ...c.model, name: `m${i}`, provider: `p${i}` }));
    const routes = KONG_CASES.map((c, i) => route(`case${i}`, [`m${i}`], { type: c.type }));
    const started = await startProxy({
      bundle: bundle({ providers, models, routes }),
      admin: false,
      log: false,
      env: { KEY: 'Bearer sk-test' },
      upstreamUrlFor: pointAtMocks(mock.url),
    });
    assert.ok(started.ok);
    proxy = started.value;
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });

  KONG_CASES.forEach((c, i) => {
    it(`${c.dir} ${c.type}: sends Kong's expected request and returns Kong's expected response`, async () => {
      // GIVEN the mock upstream replays the provider's recorded reply
      mock.enqueue(await replyFromFile(path.join(KONG_FIXTURES, `real-responses/${c.dir}/${caseFile(c.type)}`)));

      // WHEN Kong's standard client request goes through the proxy
      const answer = await post(`${proxy.url}/case${i}`, fixtureJson(`requests/${caseFile(c.type)}`));

      // THEN the upstream received Kong's translated request
      const seen = mock.received.at(-1);
      assert.deepEqual(seen?.body, fixtureJson(`expected-requests/${c.dir}/${caseFile(c.type)}`));
      assert.equal(seen?.method, 'POST');
      assert.equal(seen?.provider, c.provider.kind);

      // AND the client got Kong's response, but for the fields the translator documents
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.headers['x-kong-llm-model'], `${c.provider.kind}/${c.model.model}`);
      const ours = answer.json() as Record<string, unknown>;
      const expected = { ...(fixtureJson(`expected-responses/${c.dir}/${caseFile(c.type)}`) as Record<string, unknown>) };
      for (const [field, { ours: value }] of Object.entries(c.differs ?? {})) expected[field] = value;
      assert.deepEqual(ours, expected);
    });
  });
});
