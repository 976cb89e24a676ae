/** Kong version differences: model aliases, the ollama provider, and the version table checked
 * against the vendored plugin schemas it was read from. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { KongVersion } from '../../src/model/index.ts';
import { firstVersionWith, kongHas, VERSIONED_FIELDS, type VersionedField } from './versions.ts';
import { emitFails, emitOk, assertSchemaClean, gateway, model, plugin, route, withVersion, type Doc } from './test-support.ts';

function aiProxySchema(version: '3.10' | '3.15'): Doc {
  return JSON.parse(readFileSync(new URL(`../../schema/vendor/kong/plugins/${version}/AiProxy.json`, import.meta.url), 'utf8'));
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

describe('deck target: version table', () => {
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

describe('deck target: model alias by version', () => {
  const aliased = gateway({ models: [model('gpt', 'openai', 'gpt-4o', { alias: 'smart' })] });

  it('GIVEN a model alias on Kong 3.15 WHEN emitted THEN model.model_alias is set and validates', () => {
    const { doc } = emitOk(aliased);
    assert.equal(plugin(doc, 'ai-proxy').config.model.model_alias, 'smart');
    assertSchemaClean(doc, '3.15');
  });

  for (const version of ['3.10', '3.13'] as const) {
    it(`GIVEN a model alias on Kong ${version} WHEN emitted THEN unsupported_by_target at models.gpt.alias`, () => {
      const [d, ...rest] = emitFails(withVersion(aliased, version));
      assert.equal(rest.length, 0);
      assert.equal(d?.code, 'unsupported_by_target');
      assert.deepEqual(d?.path, ['models', 'gpt', 'alias']);
      assert.equal(d?.target, 'deck');
      assert.match(d?.hint ?? '', /3\.15/);
    });
  }

  it('GIVEN an aliased model on two routes of an old Kong WHEN emitted THEN the alias is reported once', () => {
    const m = withVersion({ ...aliased, routes: [route('a', ['gpt']), route('b', ['gpt'])] }, '3.10');
    assert.equal(emitFails(m).length, 1);
  });
});

describe('deck target: ollama by version', () => {
  const ollama = gateway({
    providers: [{ kind: 'ollama', name: 'local', allowAuthOverride: false, upstreamUrl: 'http://ollama:11434/api/chat' }],
    models: [model('llama', 'local', 'llama3.1')],
  });

  it('GIVEN an ollama provider on Kong 3.12 WHEN emitted THEN llama2 in ollama format, valid for the 3.10 schema', () => {
    const { doc } = emitOk(withVersion(ollama, '3.12'));
    assert.deepEqual(plugin(doc, 'ai-proxy').config.model, {
      provider: 'llama2',
      name: 'llama3.1',
      options: { llama2_format: 'ollama', upstream_url: 'http://ollama:11434/api/chat' },
    });
    assertSchemaClean(doc, '3.12');
  });

  it('GIVEN an ollama provider on Kong 3.15 WHEN emitted THEN provider ollama', () => {
    const { doc } = emitOk(ollama);
    assert.equal(plugin(doc, 'ai-proxy').config.model.provider, 'ollama');
  });
});

describe('deck target: collecting every problem', () => {
  it('GIVEN an alias on 3.10 and an inline secret WHEN emitted THEN both are reported in one failure', () => {
    const m = gateway({
      version: '3.10',
      providers: [{ kind: 'openai', name: 'openai', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value: { kind: 'inline', value: 'x' } } }],
      models: [model('gpt', 'openai', 'gpt-4o', { alias: 'smart' })],
    });
    assert.deepEqual(
      emitFails(m).map((d) => d.path.join('.')),
      ['providers.openai.auth.value', 'models.gpt.alias'],
    );
  });
});
