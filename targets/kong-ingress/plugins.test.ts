/** KongPlugins: one per route plugin, with exactly the config the deck target writes for the same
 * model (both come from src/emit/kong), attached to the route's HTTPRoute by annotation. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Provider, Route } from '../../src/model/index.ts';
import { emitOk as emitDeck } from '../../test/support/deck.ts';
import { codesAndPaths, emitBoth, emitFails, emitOk, named, ofKind } from '../../test/support/kong-ingress.ts';
import { consumer, defaultBalancer, gateway, model, openai, route, type Doc } from '../../test/support/models.ts';
import { PROVIDER_CASES } from '../../test/support/provider-cases.ts';

const keyAuth = { keyNames: ['apikey', 'x-api-key'], hideCredentials: false, keyInHeader: true, keyInQuery: false, keyInBody: true };

describe('kong-ingress target: plugins', () => {
  it('GIVEN every provider kind WHEN emitted THEN each route’s KongPlugins hold the deck target’s plugin configs, in the same order', () => {
    // GIVEN: one route per provider case, one balanced route over all of them, one route with key auth
    const providers = PROVIDER_CASES.map((c, i) => ({ ...c.provider, name: `p${i}` }) as Provider);
    const models = PROVIDER_CASES.map((c, i) => ({ ...(c.model ?? model('m', 'p', 'm-1')), name: `m${i}`, provider: `p${i}` }));
    const routes: Route[] = [...models.map((x) => route(x.name, [x.name])), route('all', models.map((x) => x.name)), route('locked', ['m0'], { keyAuth })];
    const m = gateway({ providers, models, routes });
    // WHEN
    const { v315, v310 } = emitBoth(m);
    const deck = emitDeck(m).doc;
    // THEN
    for (const objects of [v315, v310]) assert.equal(ofKind(objects, 'KongPlugin').length, routes.length + 1);
    routes.forEach((r, i) => {
      const deckPlugins = deck.services[i].routes[0].plugins.map((p: Doc) => ({ plugin: p.name, config: p.config }));
      const names = named(v315, 'HTTPRoute', `acme-${r.name}`).metadata.annotations['konghq.com/plugins'].split(',');
      const kic = names.map((n: string) => named(v315, 'KongPlugin', n)).map((p: Doc) => ({ plugin: p.plugin, config: p.config }));
      assert.deepEqual(kic, deckPlugins, r.name);
    });
  });

  it('GIVEN a route with key auth WHEN emitted THEN key-auth and ai-proxy KongPlugins named after gateway, route and plugin', () => {
    const { objects } = emitOk(gateway({ routes: [route('chat', ['gpt'], { keyAuth })] }));
    assert.deepEqual(ofKind(objects, 'KongPlugin').map((p) => [p.metadata.name, p.plugin]), [
      ['acme-chat-key-auth', 'key-auth'],
      ['acme-chat-ai-proxy', 'ai-proxy'],
    ]);
    assert.equal(named(objects, 'HTTPRoute', 'acme-chat').metadata.annotations['konghq.com/plugins'], 'acme-chat-key-auth,acme-chat-ai-proxy');
    assert.deepEqual(named(objects, 'KongPlugin', 'acme-chat-key-auth').config, {
      key_names: ['apikey', 'x-api-key'],
      hide_credentials: false,
      key_in_header: true,
      key_in_query: false,
      key_in_body: true,
    });
  });

  it('GIVEN route names that are not DNS labels WHEN emitted THEN object names are DNS labels, distinct and stable', () => {
    // GIVEN: names that differ only in what DNS-1123 cannot hold
    const m = gateway({ routes: [route('Chat_V1', ['gpt']), route('chat-v1', ['gpt']), route('chat.v1', ['gpt'])] });
    // WHEN (emitOk checks every name against DNS-1123)
    const first = ofKind(emitOk(m).objects, 'KongPlugin').map((p) => p.metadata.name);
    const again = ofKind(emitOk(structuredClone(m)).objects, 'KongPlugin').map((p) => p.metadata.name);
    // THEN
    assert.equal(new Set(first).size, 3);
    assert.deepEqual(first, again);
    assert.equal(first[1], 'acme-chat-v1-ai-proxy', 'a name that needed no change keeps its plain form');
  });

  it('GIVEN a balanced route with priority, weights and retries WHEN emitted THEN ai-proxy-advanced carries them, as on the deck target', () => {
    // GIVEN
    const models = [model('a', 'openai', 'gpt-4o'), model('b', 'openai', 'gpt-4o-mini')];
    const balancer = { ...defaultBalancer(['a', 'b']), algorithm: 'priority', weights: { a: 10, b: 1 }, retries: 2 } as const;
    const m = gateway({ providers: [openai], models, routes: [route('chat', ['a', 'b'], { balancer })] });
    // WHEN
    const { v315 } = emitBoth(m);
    // THEN
    const config = named(v315, 'KongPlugin', 'acme-chat-ai-proxy-advanced').config;
    assert.deepEqual([config.balancer.algorithm, config.balancer.retries, config.targets.map((t: Doc) => t.weight)], ['priority', 2, [10, 1]]);
    assert.deepEqual(config, emitDeck(m).doc.services[0].routes[0].plugins[0].config);
  });

  it('GIVEN policies at every scope WHEN emitted THEN KongPlugins on the route, consumer and group by annotation, and a global KongClusterPlugin', () => {
    // GIVEN
    const decorator = { prepend: [{ role: 'system' as const, content: 'Be brief.' }], append: [] };
    const guard = { allow: [], deny: ['password'], matchAllRoles: false, latestOnly: false };
    const base = gateway({ routes: [route('chat', ['gpt'], { keyAuth })], consumers: [consumer('alice', { groups: ['gold'] })], consumerGroups: ['gold'] });
    const m = {
      ...base,
      policies: { promptDecorator: decorator },
      routes: base.routes.map((r) => ({ ...r, policies: { promptGuard: guard } })),
      consumers: base.consumers.map((c) => ({ ...c, policies: { promptGuard: guard } })),
      consumerGroups: base.consumerGroups.map((g) => ({ ...g, policies: { promptDecorator: decorator } })),
    };
    // WHEN (emitBoth validates every object against its CRD and Kong's plugin schema)
    const { v315 } = emitBoth(m);
    // THEN
    assert.equal(named(v315, 'HTTPRoute', 'acme-chat').metadata.annotations['konghq.com/plugins'], 'acme-chat-key-auth,acme-chat-ai-proxy,acme-chat-ai-prompt-guard');
    assert.equal(named(v315, 'KongConsumer', 'acme-alice').metadata.annotations['konghq.com/plugins'], 'acme-consumer-alice-ai-prompt-guard');
    assert.equal(named(v315, 'KongConsumerGroup', 'gold').metadata.annotations['konghq.com/plugins'], 'acme-group-gold-ai-prompt-decorator');
    const global = named(v315, 'KongClusterPlugin', 'acme-global-ai-prompt-decorator');
    assert.equal(global.metadata.labels.global, 'true');
    assert.equal(global.metadata.annotations['kubernetes.io/ingress.class'], 'kong');
    assert.deepEqual(global.config, emitDeck(m).doc.plugins[0].config);
  });

  it('GIVEN a policy Kong cannot attach to its scope in a hand-built model WHEN emitted THEN unsupported_by_target at its path', () => {
    const transformer = { prompt: 'Rewrite politely', model: 'gpt', timeoutMs: 60_000 };
    const base = gateway({ routes: [route('chat', ['gpt'], { keyAuth })], consumers: [consumer('alice')] });
    const m = { ...base, consumers: base.consumers.map((c) => ({ ...c, policies: { requestTransformer: transformer } })) };
    assert.deepEqual(codesAndPaths(emitFails(m)), [['unsupported_by_target', 'consumers.alice.policies.requestTransformer']]);
  });
});
