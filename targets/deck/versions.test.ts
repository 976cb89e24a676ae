/** Kong version differences in the decK file: model aliases and the ollama provider. (The version
 * table itself is tested in src/emit/kong/versions.test.ts.) */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emitFails, emitOk, assertSchemaClean, plugin } from '../../test/support/deck.ts';
import { gateway, model, route, withVersion, type Doc } from '../../test/support/models.ts';

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
