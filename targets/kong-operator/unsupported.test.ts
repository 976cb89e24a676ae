/** A config an AIGateway cannot carry: every feature it uses that the AIGateway lacks is an error
 * with its config path, a plain-words message and a hint to kong-ingress, all in one failure. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emitTarget } from '../../src/compile/index.ts';
import type { GatewayModel, Provider } from '../../src/model/index.ts';
import { emitErrors } from '../../test/support/kong-operator.ts';
import { consumer, gateway, model, openai, route } from '../../test/support/models.ts';
import { kongOperatorTarget } from './index.ts';

const anthropic: Provider = {
  kind: 'anthropic',
  name: 'anthropic',
  anthropicVersion: '2023-06-01',
  allowAuthOverride: false,
  auth: { kind: 'header', name: 'x-api-key', value: { kind: 'env', name: 'ANTHROPIC_API_KEY' } },
};
const keyAuth = { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: false, keyInBody: false };

/** Most of what a real config says and an AIGateway cannot. */
function unsupported(): GatewayModel {
  const proxied: Provider = { ...openai, name: 'proxied', upstreamUrl: 'https://proxy.internal/v1/chat/completions', allowAuthOverride: true };
  const m = gateway({
    providers: [openai, anthropic, proxied],
    models: [
      model('gpt', 'openai', 'gpt-4o', { alias: 'smart', options: { topP: 0.9, inputCost: 2.5 } }),
      model('claude', 'anthropic', 'claude-sonnet-4'),
      model('via-proxy', 'proxied', 'gpt-4o'),
    ],
    routes: [
      route('chat', ['gpt'], { paths: ['/openai/chat'], keyAuth, streaming: 'always' }),
      route('both', ['gpt', 'claude']),
      route('proxied', ['via-proxy'], { logging: { statistics: false, payloads: true }, modelNameHeader: false }),
    ],
    consumers: [consumer('alice', { groups: ['gold'], credentials: [{ kind: 'key-auth', key: { kind: 'env', name: 'ALICE_KEY' } }] })],
    consumerGroups: ['gold'],
  });
  return { ...m, policies: { promptGuard: { allow: [], deny: ['password'], matchAllRoles: false, latestOnly: true } } };
}

const EXPECTED: readonly string[] = [
  'providers.anthropic.kind',
  'providers.proxied.url',
  'providers.proxied.allowAuthOverride',
  'models.gpt.alias',
  'models.gpt.options.topP',
  'models.gpt.options.inputCost',
  'routes.chat.paths',
  'routes.chat.streaming',
  'routes.chat.auth',
  'routes.both.models',
  'routes.proxied.logging',
  'routes.proxied.modelNameHeader',
  'consumers.alice',
  'consumers.alice.groups',
  'consumerGroups.gold',
  'policies.promptGuard',
];

describe('kong-operator target: what an AIGateway cannot carry', () => {
  it('GIVEN a config using many features an AIGateway lacks WHEN emitted THEN one failure lists every one with its path', () => {
    // WHEN
    const ds = emitErrors(unsupported());
    // THEN
    assert.deepEqual(ds.map((d) => d.path.join('.')), EXPECTED);
    for (const d of ds) {
      assert.equal(d.code, 'unsupported_by_target');
      assert.equal(d.target, 'kong-operator');
      assert.ok(d.message.length > 20, d.message);
    }
    // Policies have no Kong target yet; everything else can go to kong-ingress.
    assert.ok(ds.filter((d) => d.path[0] !== 'policies').every((d) => /--target kong-ingress/.test(d.hint ?? '')));
  });

  it('GIVEN the same config WHEN compiled through emitTarget THEN the target’s own diagnostics replace every generic feature one', () => {
    // WHEN: emitTarget adds a generic diagnostic per missing feature unless the target reported that path itself
    const result = emitTarget(unsupported(), kongOperatorTarget);
    // THEN
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => d.path.join('.')), EXPECTED);
  });

  it('GIVEN azure and mistral providers WHEN emitted THEN refused, because Kong requires options the controller never writes', () => {
    const providers: Provider[] = [
      { kind: 'azure', name: 'az', azure: { instance: 'acme', apiVersion: '2024-06-01' }, allowAuthOverride: false, auth: { kind: 'header', name: 'api-key', value: { kind: 'env', name: 'AZ_KEY' } } },
      { kind: 'mistral', name: 'mi', format: 'openai', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value: { kind: 'env', name: 'MI_KEY' } } },
    ];
    const ds = emitErrors(gateway({ providers, models: [model('a', 'az'), model('m', 'mi')], routes: [route('a', ['a']), route('m', ['m'])] }));
    assert.deepEqual(ds.map((d) => d.path.join('.')), ['providers.az.kind', 'providers.mi.kind']);
    assert.match(ds[0]?.message ?? '', /Azure instance.*Kong would refuse/);
    assert.match(ds[1]?.message ?? '', /mistral_format.*Kong would refuse/);
  });

  it('GIVEN provider auth the controller cannot send WHEN emitted THEN each is reported at its auth path', () => {
    const providers: Provider[] = [
      { ...openai, name: 'hdr', auth: { kind: 'header', name: 'x-api-key', value: { kind: 'env', name: 'K1' } } },
      { ...openai, name: 'qry', auth: { kind: 'param', name: 'key', location: 'query', value: { kind: 'env', name: 'K2' } } },
      { ...openai, name: 'none', auth: undefined },
      { ...openai, name: 'other-key', auth: { kind: 'header', name: 'Authorization', value: { kind: 'env', name: 'K3' } } },
    ];
    const models = providers.map((p) => model(`m-${p.name}`, p.name));
    const ds = emitErrors(gateway({ providers, models, routes: models.map((x) => route(x.name, [x.name])) }));
    assert.deepEqual(ds.map((d) => d.path.join('.')), ['providers.hdr.auth.header', 'providers.qry.auth', 'providers.none.auth', 'providers.other-key.auth.value']);
    assert.match(ds[3]?.message ?? '', /one key per provider kind.*"hdr"/);
  });

  it('GIVEN an inline key WHEN emitted THEN an error, and the value appears nowhere', () => {
    const canary = 'sk-canary-inline-aigw-31c9';
    const provider: Provider = { ...openai, auth: { kind: 'header', name: 'Authorization', value: { kind: 'inline', value: canary } } };
    const result = kongOperatorTarget.emit(gateway({ providers: [provider] }));
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.code, d.path.join('.')]), [['unsupported_by_target', 'providers.openai.auth.value']]);
    assert.ok(!JSON.stringify(result).includes(canary));
  });

  it('GIVEN route names that cannot become AIGateway identifiers WHEN emitted THEN reported at the route', () => {
    const name = 'a'.repeat(44);
    const ds = emitErrors(gateway({ routes: [route('Chat_1', ['gpt'], { paths: ['/Chat_1'] }), route(name, ['gpt'])] }));
    assert.deepEqual(ds.map((d) => d.path.join('.')), ['routes.Chat_1', `routes.${name}`]);
    assert.match(ds[0]?.message ?? '', /at most 43/);
  });

  it('GIVEN a prompt decorator that appends or prepends an assistant message WHEN emitted THEN reported where it says so', () => {
    const base = gateway();
    const decorator = { prepend: [{ role: 'assistant' as const, content: 'Sure.' }], append: [{ role: 'user' as const, content: 'Thanks.' }] };
    const m = { ...base, routes: base.routes.map((r) => ({ ...r, policies: { promptDecorator: decorator } })) };
    assert.deepEqual(emitErrors(m).map((d) => d.path.join('.')), ['routes.chat.policies.promptDecorator.append', 'routes.chat.policies.promptDecorator.prepend.0.role']);
  });
});
