/** Every provider kind through the whole decK file, checked against decK's and Kong's schemas. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Provider } from '../../src/model/index.ts';
import { emitBoth, emitFails, plugin } from '../../test/support/deck.ts';
import { gateway, model, route } from '../../test/support/models.ts';
import { PROVIDER_CASES } from '../../test/support/provider-cases.ts';

describe('deck target: providers', () => {
  it('GIVEN every provider kind on one balanced route WHEN emitted THEN the decK file validates on both versions', () => {
    // GIVEN (the LLM record of each kind is tested in src/emit/kong/llm-record.test.ts)
    const providers = PROVIDER_CASES.map((c, i) => ({ ...c.provider, name: `p${i}` }) as Provider);
    const models = PROVIDER_CASES.map((c, i) => ({ ...(c.model ?? model('m', 'p', 'm-1')), name: `m${i}`, provider: `p${i}` }));
    // WHEN (emitBoth also runs the decK and Kong schema checks for each version)
    const { v315, v310 } = emitBoth(gateway({ providers, models, routes: [route('all', models.map((x) => x.name))] }));
    // THEN
    assert.equal(plugin(v315, 'ai-proxy-advanced').config.targets.length, PROVIDER_CASES.length);
    assert.equal(plugin(v310, 'ai-proxy-advanced').config.targets.length, PROVIDER_CASES.length);
  });

  it('GIVEN one provider shared by two routes with the same problem WHEN emitted THEN the problem is reported once, by deck', () => {
    const m = gateway({
      providers: [{ kind: 'openai-compatible', name: 'p', allowAuthOverride: false }],
      models: [model('m', 'p')],
      routes: [route('a', ['m']), route('b', ['m'])],
    });
    const ds = emitFails(m);
    assert.deepEqual(ds.map((d) => [d.code, d.path.join('.'), d.target]), [['provider_option_missing', 'providers.p.url', 'deck']]);
  });
});
