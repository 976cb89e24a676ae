/** Every provider kind as Kong's LLM record inside ai-proxy / ai-proxy-advanced, checked against
 * Kong's 3.15 and 3.10 plugin schemas; and the provider limits Kong enforces. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../diagnostics/index.ts';
import { clean } from '../serialize.ts';
import type { GatewayModel, KongVersion, Provider } from '../../model/index.ts';
import { checkPlugin, formatProblems } from '../../../targets/deck/schema-check.ts';
import { gateway, model, route, withVersion, type Doc } from '../../../test/support/models.ts';
import { PROVIDER_CASES } from '../../../test/support/provider-cases.ts';
import { createKongContext } from './context.ts';
import { aiProxyPlugin } from './ai-proxy.ts';

const TARGET = 'some-kong-target';

/** The first route's AI proxy plugin as a target writes it (undefined fields dropped), with what
 * the context collected. */
function proxyOf(m: GatewayModel): { plugin: Doc; diagnostics: readonly Diagnostic[] } {
  const ctx = createKongContext(m, TARGET, { vaults: { declared: true } });
  const route = m.routes[0];
  assert.ok(route, 'the model has a route');
  return { plugin: clean(aiProxyPlugin(ctx, route)), diagnostics: ctx.diagnostics };
}

/** Builds the plugin for 3.15 and 3.10, expects no diagnostics, and checks each against its schema. */
function proxyBoth(m: GatewayModel): { v315: Doc; v310: Doc } {
  const out = (['3.15', '3.10'] as const).map((v: KongVersion) => {
    const { plugin, diagnostics } = proxyOf(withVersion(m, v));
    assert.deepEqual(diagnostics, []);
    const problems = checkPlugin(plugin, v);
    assert.equal(problems.length, 0, `schema problems for Kong ${v}:\n${formatProblems(problems)}`);
    return plugin;
  });
  return { v315: out[0], v310: out[1] };
}

function problems(m: GatewayModel): [string, string][] {
  return proxyOf(m).diagnostics.map((d) => [d.code, d.path.join('.')]);
}

describe('Kong LLM record: providers', () => {
  for (const c of PROVIDER_CASES) {
    it(`GIVEN a ${c.title} provider WHEN built for 3.15 and 3.10 THEN the LLM record matches and validates`, () => {
      // GIVEN
      const m = gateway({ providers: [c.provider], models: [c.model ?? model('m', 'p', 'm-1')], routes: [route('chat', ['m'])] });
      // WHEN (proxyBoth also runs the schema check for each version)
      const { v315, v310 } = proxyBoth(m);
      // THEN
      assert.equal(v315.name, 'ai-proxy');
      assert.deepEqual(v315.config.model, c.expect);
      assert.deepEqual(v310.config.model, c.on310 ?? c.expect);
      if (c.expectAuth) assert.deepEqual(v315.config.auth, c.expectAuth);
    });
  }

  it('GIVEN every provider kind on one route WHEN built THEN ai-proxy-advanced with one target each at the default weight, valid on both versions', () => {
    // GIVEN
    const providers = PROVIDER_CASES.map((c, i) => ({ ...c.provider, name: `p${i}` }) as Provider);
    const models = PROVIDER_CASES.map((c, i) => ({ ...(c.model ?? model('m', 'p', 'm-1')), name: `m${i}`, provider: `p${i}` }));
    // WHEN
    const { v315, v310 } = proxyBoth(gateway({ providers, models, routes: [route('all', models.map((x) => x.name), { streaming: 'always' })] }));
    // THEN
    for (const p of [v315, v310]) {
      assert.equal(p.name, 'ai-proxy-advanced');
      assert.equal(p.config.targets.length, PROVIDER_CASES.length);
      assert.equal(p.config.balancer.algorithm, 'round-robin');
      assert.equal(p.config.response_streaming, 'always');
      assert.ok(p.config.targets.every((t: Doc) => t.weight === 100 && t.response_streaming === undefined));
    }
  });

  it('GIVEN Azure managed identity WHEN built THEN the identity fields are set on both versions (the 3.10 schema has them)', () => {
    // GIVEN
    const provider: Provider = {
      kind: 'azure',
      name: 'p',
      azure: { instance: 'acme', apiVersion: '2024-06-01' },
      allowAuthOverride: false,
      auth: { kind: 'azure-managed-identity', clientId: 'cid', tenantId: 'tid', clientSecret: { kind: 'azure', name: 'aoai-client-secret' } },
    };
    const m = gateway({ providers: [provider], models: [model('m', 'p', 'gpt-4o')], vaults: { azure: { vaultUri: 'https://acme.vault.azure.net', tenantId: 'tid' } } });
    // WHEN
    const { v315, v310 } = proxyBoth(m);
    // THEN
    for (const p of [v315, v310]) {
      assert.deepEqual(p.config.auth, {
        azure_use_managed_identity: true,
        azure_client_id: 'cid',
        azure_tenant_id: 'tid',
        azure_client_secret: '{vault://aigate-azure/aoai-client-secret}',
        allow_override: false,
      });
    }
  });
});

describe('Kong LLM record: limits Kong enforces', () => {
  it('GIVEN llama2 without a URL WHEN built THEN provider_option_missing at the provider url, tagged with the target', () => {
    const m = gateway({ providers: [{ kind: 'llama2', name: 'p', format: 'ollama', allowAuthOverride: false }], models: [model('m', 'p')] });
    const [d, ...rest] = proxyOf(m).diagnostics;
    assert.equal(rest.length, 0);
    assert.equal(d?.code, 'provider_option_missing');
    assert.deepEqual(d?.path, ['providers', 'p', 'url']);
    assert.equal(d?.target, TARGET);
  });

  it('GIVEN bedrock with client auth override WHEN built THEN unsupported_by_target, since Kong forbids it', () => {
    const m = gateway({ providers: [{ kind: 'bedrock', name: 'p', region: 'us-east-1', allowAuthOverride: true }], models: [model('m', 'p')] });
    assert.deepEqual(problems(m), [['unsupported_by_target', 'providers.p.allowAuthOverride']]);
  });

  it('GIVEN anthropic on a completions route with statistics WHEN built THEN unsupported_by_target at the route logging', () => {
    const m = gateway({
      providers: [{ kind: 'anthropic', name: 'p', anthropicVersion: '2023-06-01', allowAuthOverride: false }],
      models: [model('m', 'p')],
      routes: [route('c', ['m'], { type: 'completions' })],
    });
    assert.deepEqual(problems(m), [['unsupported_by_target', 'routes.c.logging.statistics']]);
  });

  it('GIVEN a model alias on Kong 3.10 WHEN built THEN unsupported_by_target at the alias, with the version that has it', () => {
    const m = gateway({ version: '3.10', models: [model('gpt', 'openai', 'gpt-4o', { alias: 'smart' })] });
    const [d, ...rest] = proxyOf(m).diagnostics;
    assert.equal(rest.length, 0);
    assert.deepEqual([d?.code, d?.path.join('.')], ['unsupported_by_target', 'models.gpt.alias']);
    assert.match(d?.hint ?? '', /3\.15/);
  });

  it('GIVEN a route naming a model the model list lacks WHEN built THEN unknown_reference and no plugin', () => {
    const m = gateway({ routes: [route('chat', ['nope'])] });
    const { plugin, diagnostics } = proxyOf(m);
    assert.equal(plugin, undefined);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.path.join('.')]), [['unknown_reference', 'routes.chat.models.0']]);
  });
});
