/** The key-auth plugin config: every option explicit, valid on Kong 3.15 and 3.10. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KongVersion } from '../../model/index.ts';
import { checkPlugin, formatProblems } from '../../../targets/deck/schema-check.ts';
import { keyAuthPlugin } from './key-auth.ts';

describe('Kong key-auth plugin', () => {
  it('GIVEN key auth options WHEN built THEN every option is explicit, hide_credentials included, and Kong accepts it', () => {
    // GIVEN
    const keyAuth = { keyNames: ['apikey', 'x-api-key'], hideCredentials: false, keyInHeader: true, keyInQuery: false, keyInBody: true };
    // WHEN
    const plugin = keyAuthPlugin(keyAuth);
    // THEN: 3.10 and 3.15 default hide_credentials differently, so it must be written either way
    assert.deepEqual(plugin, {
      name: 'key-auth',
      config: { key_names: ['apikey', 'x-api-key'], hide_credentials: false, key_in_header: true, key_in_query: false, key_in_body: true },
    });
    for (const v of ['3.15', '3.10'] as const satisfies readonly KongVersion[]) {
      const problems = checkPlugin(plugin as unknown as Record<string, unknown>, v);
      assert.equal(problems.length, 0, formatProblems(problems));
    }
  });
});
