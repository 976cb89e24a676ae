/** The Kong-version field table, checked against the vendored plugin schemas it was read from. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { KongVersion } from '../../model/index.ts';
import { firstVersionWith, kongHas, VERSIONED_FIELDS, type VersionedField } from './versions.ts';

// Parsed JSON schema; tests reach into it freely.
type Doc = any;

function aiProxySchema(version: '3.10' | '3.15'): Doc {
  return JSON.parse(readFileSync(new URL(`../../../schema/vendor/kong/plugins/${version}/AiProxy.json`, import.meta.url), 'utf8'));
}

// Where each versioned field lives in Kong's AiProxy schema.
const PROBES: Record<VersionedField, (schema: Doc) => boolean> = {
  'model.model_alias': (s) => 'model_alias' in s.properties.config.properties.model.properties,
  'provider:ollama': (s) => s.properties.config.properties.model.properties.provider.enum.includes('ollama'),
  'auth.azure_managed_identity': (s) => {
    const auth = s.properties.config.properties.auth.properties;
    return ['azure_use_managed_identity', 'azure_client_id', 'azure_tenant_id', 'azure_client_secret'].every((f) => f in auth);
  },
};

describe('Kong version table', () => {
  for (const field of VERSIONED_FIELDS) {
    it(`GIVEN the vendored 3.10 and 3.15 schemas WHEN probing ${field} THEN the table's first version (${firstVersionWith(field)}) agrees`, () => {
      const probe = PROBES[field];
      assert.equal(probe(aiProxySchema('3.15')), true, 'every versioned field exists in 3.15');
      assert.equal(probe(aiProxySchema('3.10')), firstVersionWith(field) === '3.10');
    });
  }

  it('GIVEN versions around the boundary WHEN asked THEN 3.11–3.14 are treated like 3.10 for 3.15-only fields', () => {
    const table: [KongVersion, boolean][] = [
      ['3.10', false],
      ['3.11', false],
      ['3.14', false],
      ['3.15', true],
    ];
    for (const [v, has] of table) assert.equal(kongHas(v, 'model.model_alias'), has, v);
  });
});
