import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LimitsPolicy, PromptGuardPolicy } from '../../model/index.ts';
import { createPolicyResolver, SCOPE_PRECEDENCE } from './resolve.ts';
import { consumerOf, gatewayOf, groupOf, routeOf } from './testing.ts';

const guard = (deny: string): PromptGuardPolicy => ({ allow: [], deny: [deny], matchAllRoles: false, latestOnly: false });
const limits = (limit: number): LimitsPolicy => ({ limits: [{ limit, windowSeconds: 60, count: 'total-tokens', by: 'consumer' }], window: 'sliding', hideHeaders: false });

describe('effective policies', () => {
  it('lists the scopes most specific first', () => {
    assert.deepEqual(SCOPE_PRECEDENCE, ['consumer', 'consumer-group', 'route', 'global']);
  });

  it('GIVEN a guard at every scope WHEN a consumer calls THEN the consumer’s guard wins', () => {
    const gw = gatewayOf({
      policies: { promptGuard: guard('global') },
      consumers: [consumerOf('alice', { promptGuard: guard('alice') }, ['gold'])],
      consumerGroups: [groupOf('gold', { promptGuard: guard('gold') })],
    });
    const route = routeOf('chat', { promptGuard: guard('route') });
    const r = createPolicyResolver(gw).resolve(route, { name: 'alice' });
    assert.equal(r.promptGuard?.scope, 'consumer');
    assert.deepEqual(r.promptGuard?.policy.deny, ['alice']);
  });

  it('GIVEN no consumer policy WHEN a grouped consumer calls THEN the group beats the route and global', () => {
    const gw = gatewayOf({
      policies: { promptGuard: guard('global') },
      consumers: [consumerOf('bob', {}, ['silver'])],
      consumerGroups: [groupOf('silver', { promptGuard: guard('silver') })],
    });
    const r = createPolicyResolver(gw).resolve(routeOf('chat', { promptGuard: guard('route') }), { name: 'bob' });
    assert.deepEqual([r.promptGuard?.scope, r.promptGuard?.name], ['consumer-group', 'silver']);
  });

  it('GIVEN a consumer in two groups with a guard each THEN the alphabetically first group wins (Kong’s FAQ)', () => {
    const gw = gatewayOf({
      consumers: [consumerOf('carol', {}, ['zeta', 'alpha'])],
      consumerGroups: [groupOf('zeta', { promptGuard: guard('zeta') }), groupOf('alpha', { promptGuard: guard('alpha') })],
    });
    const r = createPolicyResolver(gw).resolve(routeOf('chat'), { name: 'carol' });
    assert.equal(r.promptGuard?.name, 'alpha');
  });

  it('GIVEN an anonymous request THEN only route and global policies apply', () => {
    const gw = gatewayOf({ policies: { promptGuard: guard('global') }, consumers: [consumerOf('alice', { promptGuard: guard('alice') })] });
    const resolver = createPolicyResolver(gw);
    assert.equal(resolver.resolve(routeOf('chat')).promptGuard?.scope, 'global');
    assert.equal(resolver.resolve(routeOf('chat', { promptGuard: guard('route') })).promptGuard?.scope, 'route');
  });

  it('GIVEN limits at every scope THEN all of them apply, most specific first', () => {
    const gw = gatewayOf({
      policies: { limits: limits(1000) },
      consumers: [consumerOf('alice', { limits: limits(10) }, ['gold', 'beta'])],
      consumerGroups: [groupOf('gold', { limits: limits(100) }), groupOf('beta', { limits: limits(50) })],
    });
    const r = createPolicyResolver(gw).resolve(routeOf('chat', { limits: limits(500) }), { name: 'alice' });
    assert.deepEqual(
      r.limits.map((l) => `${l.scope}:${l.name}:${l.policy.limits[0]?.limit}`),
      ['consumer:alice:10', 'consumer-group:beta:50', 'consumer-group:gold:100', 'route:chat:500', 'global:global:1000'],
    );
  });

  it('GIVEN a request transformer on a consumer THEN it is ignored, as Kong cannot run it there', () => {
    const t = { prompt: 'p', model: 'm', timeoutMs: 1000 };
    const gw = gatewayOf({ policies: { requestTransformer: { ...t, prompt: 'global' } }, consumers: [consumerOf('alice', { requestTransformer: t })] });
    const r = createPolicyResolver(gw).resolve(routeOf('chat'), { name: 'alice' });
    assert.equal(r.requestTransformer?.policy.prompt, 'global');
  });

  it('GIVEN the same route and consumer twice THEN the same object comes back (memoised)', () => {
    const route = routeOf('chat');
    const resolver = createPolicyResolver(gatewayOf({ consumers: [consumerOf('alice')] }));
    assert.equal(resolver.resolve(route, { name: 'alice' }), resolver.resolve(route, { name: 'alice' }));
    assert.notEqual(resolver.resolve(route, { name: 'alice' }), resolver.resolve(route));
  });
});
