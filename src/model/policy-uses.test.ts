/** Finding every policy a model sets, with the config path that sets it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Policies } from './index.ts';
import { consumer, gateway, route } from '../../test/support/models.ts';
import { policyUses } from './policy-uses.ts';

const guard: Policies = { promptGuard: { allow: [], deny: ['x'], matchAllRoles: false, latestOnly: true } };
const decorator: Policies = { promptDecorator: { prepend: [{ role: 'system', content: 'hi' }], append: [] } };

describe('policy uses', () => {
  it('GIVEN policies at every scope WHEN walked THEN global, routes, consumers, groups, each with its config path', () => {
    // GIVEN
    const base = gateway({ routes: [route('chat', ['gpt'], { policies: { ...guard, ...decorator } })], consumers: [consumer('alice', { policies: guard })] });
    const m = { ...base, policies: decorator, consumerGroups: [{ name: 'gold', policies: guard }] };
    // WHEN
    const uses = policyUses(m);
    // THEN: kinds within a scope in Kong's plugin order (decorator before guard)
    assert.deepEqual(
      uses.map((u) => [u.scope, u.path.join('.')]),
      [
        ['global', 'policies.promptDecorator'],
        ['route', 'routes.chat.policies.promptDecorator'],
        ['route', 'routes.chat.policies.promptGuard'],
        ['consumer', 'consumers.alice.policies.promptGuard'],
        ['consumer-group', 'consumerGroups.gold.policies.promptGuard'],
      ],
    );
  });

  it('GIVEN no policies WHEN walked THEN nothing', () => {
    assert.deepEqual(policyUses(gateway()), []);
  });
});
