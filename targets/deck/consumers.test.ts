/** key-auth on routes, consumers with groups and credentials, and consumer groups. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KeyAuth } from '../../src/model/index.ts';
import { emitBoth, plugin, routePlugins } from '../../test/support/deck.ts';
import { consumer, gateway, route, type Doc } from '../../test/support/models.ts';

const keyAuth: KeyAuth = { keyNames: ['apikey', 'x-api-key'], hideCredentials: false, keyInHeader: true, keyInQuery: false, keyInBody: true };

describe('deck target: key-auth and consumers', () => {
  it('GIVEN a route with key auth WHEN emitted THEN a tagged key-auth plugin before ai-proxy, valid on both versions', () => {
    // (the plugin config itself is tested in src/emit/kong/key-auth.test.ts)
    const { v315, v310 } = emitBoth(gateway({ routes: [route('chat', ['gpt'], { keyAuth })] }));
    for (const doc of [v315, v310]) {
      assert.deepEqual(routePlugins(doc).map((p: Doc) => p.name), ['key-auth', 'ai-proxy']);
      assert.deepEqual(plugin(doc, 'key-auth').config.key_names, ['apikey', 'x-api-key']);
      assert.deepEqual(plugin(doc, 'key-auth').tags, ['managed-by:aigate', 'aigate-gateway:acme']);
    }
  });

  it('GIVEN a route without key auth WHEN emitted THEN no key-auth plugin', () => {
    const { v315 } = emitBoth(gateway());
    assert.deepEqual(routePlugins(v315).map((p: Doc) => p.name), ['ai-proxy']);
  });

  it('GIVEN consumers in groups with keys WHEN emitted THEN consumers, memberships, credentials and groups', () => {
    // GIVEN
    const m = gateway({
      routes: [route('chat', ['gpt'], { keyAuth })],
      consumers: [
        consumer('alice', {
          customId: 'emp-001',
          groups: ['gold', 'beta'],
          credentials: [
            { kind: 'key-auth', key: { kind: 'env', name: 'ALICE_KEY' } },
            { kind: 'key-auth', key: { kind: 'env', name: 'ALICE_KEY_OLD' } },
          ],
        }),
        consumer('bob'),
      ],
      consumerGroups: ['gold', 'beta'],
    });
    // WHEN
    const { v315, v310 } = emitBoth(m);
    // THEN
    for (const doc of [v315, v310]) {
      const tags = ['managed-by:aigate', 'aigate-gateway:acme'];
      assert.deepEqual(doc.consumers, [
        {
          username: 'alice',
          custom_id: 'emp-001',
          tags,
          groups: [{ name: 'gold' }, { name: 'beta' }],
          keyauth_credentials: [
            { key: '${{ env "DECK_ALICE_KEY" }}', tags },
            { key: '${{ env "DECK_ALICE_KEY_OLD" }}', tags },
          ],
        },
        { username: 'bob', tags },
      ]);
      assert.deepEqual(doc.consumer_groups, [
        { name: 'gold', tags },
        { name: 'beta', tags },
      ]);
    }
  });
});
