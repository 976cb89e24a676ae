/** The schema check itself: it must catch what decK and Kong would reject, or the other tests
 * prove nothing. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkDeck, closeObjects, pluginSchemaVersion } from './schema-check.ts';
import { emitOk } from '../../test/support/deck.ts';
import { gateway, type Doc } from '../../test/support/models.ts';

function emitted(): Doc {
  return emitOk(gateway()).doc;
}

describe('deck schema check', () => {
  it('GIVEN a clean emitted file WHEN checked THEN no problems', () => {
    assert.deepEqual(checkDeck(emitted(), '3.15'), []);
  });

  it('GIVEN an unknown field deep in an ai-proxy config WHEN checked THEN it is reported at its path', () => {
    // GIVEN
    const doc = emitted();
    doc.services[0].routes[0].plugins[0].config.model.options.temprature = 0.5;
    // WHEN
    const problems = checkDeck(doc, '3.15');
    // THEN
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.path, '/services/0/routes/0/plugins/0/config/model/options');
    assert.match(problems[0]?.message ?? '', /unknown field "temprature".*ai-proxy \(Kong 3\.15 schema\)/);
  });

  it('GIVEN a provider the version lacks WHEN checked against 3.10 THEN the enum violation is reported', () => {
    const doc = emitted();
    doc.services[0].routes[0].plugins[0].config.model.provider = 'ollama';
    assert.deepEqual(checkDeck(doc, '3.15'), []);
    const problems = checkDeck(doc, '3.10');
    assert.equal(problems[0]?.path, '/services/0/routes/0/plugins/0/config/model/provider');
    assert.match(problems[0]?.message ?? '', /allowed values/);
  });

  it('GIVEN an unknown field on a decK entity WHEN checked THEN decK’s own schema reports it', () => {
    const doc = emitted();
    doc.services[0].routes[0].strip = true;
    const problems = checkDeck(doc, '3.15');
    assert.deepEqual(problems.map((p) => p.path), ['/services/0/routes/0']);
    assert.match(problems[0]?.message ?? '', /unknown field "strip".*decK file schema/);
  });

  it('GIVEN a plugin with no vendored schema WHEN checked THEN that is a problem, not a silent pass', () => {
    const doc = emitted();
    doc.plugins = [{ name: 'cors', config: {} }];
    assert.deepEqual(checkDeck(doc, '3.15').map((p) => p.path), ['/plugins/0']);
  });

  it('GIVEN Kong versions without vendored schemas WHEN picking a schema THEN the newest older one is used', () => {
    assert.equal(pluginSchemaVersion('3.10'), '3.10');
    assert.equal(pluginSchemaVersion('3.13'), '3.10');
    assert.equal(pluginSchemaVersion('3.15'), '3.15');
  });

  it('GIVEN a schema WHEN closed THEN objects with properties reject extras, explicit settings stay, and the input is untouched', () => {
    const input = {
      properties: {
        a: { type: 'object', properties: { b: { type: 'string' } } },
        m: { type: 'object', additionalProperties: { type: 'string' } },
      },
    };
    const before = structuredClone(input);
    const closed = closeObjects(input) as Doc;
    assert.equal(closed.additionalProperties, false);
    assert.equal(closed.properties.a.additionalProperties, false);
    assert.deepEqual(closed.properties.m.additionalProperties, { type: 'string' });
    assert.deepEqual(input, before);
  });
});
