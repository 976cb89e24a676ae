/** The Kong-version field table, checked against the vendored plugin schemas it was read from. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { KongVersion } from '../../model/index.ts';
import { firstVersionWith, kongHas, VERSIONED_FIELDS, type VersionedField } from './versions.ts';

// Parsed JSON schema; tests reach into it freely.
type Doc = any;

/** The `config` properties of a vendored plugin schema. */
function config(version: '3.10' | '3.15', plugin: string): Doc {
  const url = new URL(`../../../schema/vendor/kong/plugins/${version}/${plugin}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).properties.config.properties;
}

// Where each versioned field lives in Kong's plugin schemas.
const PROBES: Record<VersionedField, (version: '3.10' | '3.15') => boolean> = {
  'model.model_alias': (v) => 'model_alias' in config(v, 'AiProxy').model.properties,
  'provider:ollama': (v) => config(v, 'AiProxy').model.properties.provider.enum.includes('ollama'),
  'auth.azure_managed_identity': (v) => {
    const auth = config(v, 'AiProxy').auth.properties;
    return ['azure_use_managed_identity', 'azure_client_id', 'azure_tenant_id', 'azure_client_secret'].every((f) => f in auth);
  },
  'balancer:least-connections': (v) => config(v, 'AiProxyAdvanced').balancer.properties.algorithm.enum.includes('least-connections'),
  'ai-rate-limiting-advanced.policies': (v) => 'policies' in config(v, 'AiRateLimitingAdvanced'),
  'opentelemetry.metrics': (v) => 'enable_ai_metrics' in (config(v, 'Opentelemetry').metrics?.properties ?? {}),
  'ai-semantic-prompt-guard.max_request_body_size': (v) => 'max_request_body_size' in config(v, 'AiSemanticPromptGuard'),
};

describe('Kong version table', () => {
  for (const field of VERSIONED_FIELDS) {
    it(`GIVEN the vendored 3.10 and 3.15 schemas WHEN probing ${field} THEN the table's first version (${firstVersionWith(field)}) agrees`, () => {
      const probe = PROBES[field];
      assert.equal(probe('3.15'), true, 'every versioned field exists in 3.15');
      assert.equal(probe('3.10'), firstVersionWith(field) === '3.10');
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
