/** The CRD check itself: it must catch what the API server would reject or prune, or the target
 * tests that rely on it prove nothing. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkObject, closeCrdSchema } from './kgo-schemas.ts';
import type { Doc } from './models.ts';

const route = (): Doc => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r' },
  spec: { parentRefs: [{ name: 'kong' }], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/chat' } }], backendRefs: [{ name: 's', port: 80 }] }] },
});

describe('CRD check', () => {
  it('GIVEN a well-formed HTTPRoute WHEN checked THEN no problems', () => {
    assert.deepEqual(checkObject(route()), []);
  });

  it('GIVEN an unknown field deep in an HTTPRoute WHEN checked THEN it is reported, although the API server would only prune it', () => {
    const r = route();
    r.spec.rules[0].backendRefs[0].weigth = 2;
    assert.deepEqual(checkObject(r), [{ path: '/spec/rules/0/backendRefs/0', message: 'unknown field "weigth"' }]);
  });

  it('GIVEN a prefix path the CRD’s CEL rules refuse WHEN checked THEN the rule is reported; a regex path is not held to them', () => {
    const r = route();
    r.spec.rules[0].matches = [{ path: { type: 'PathPrefix', value: '/a//b' } }, { path: { type: 'RegularExpression', value: '/a//b' } }];
    assert.deepEqual(checkObject(r).map((p) => p.path), ['/spec/rules/0/matches/0/path/value']);
  });

  it('GIVEN a KongPlugin WHEN checked THEN config stays free-form but unknown top-level fields are errors', () => {
    const plugin: Doc = { apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name: 'p' }, plugin: 'x', config: { any: { thing: 1 } } };
    assert.deepEqual(checkObject(plugin), []);
    assert.deepEqual(checkObject({ ...plugin, spec: {} }).map((p) => p.message), ['unknown field "spec"']);
  });

  it('GIVEN an AIGateway with a number where the CRD wants a string WHEN checked THEN the type is reported', () => {
    const gw: Doc = {
      apiVersion: 'gateway-operator.konghq.com/v1alpha1',
      kind: 'AIGateway',
      metadata: { name: 'g' },
      spec: {
        gatewayClassName: 'kong',
        largeLanguageModels: { cloudHosted: [{ identifier: 'a', aiCloudProvider: { name: 'openai' }, defaultPromptParams: { temperature: 0.5 } }] },
        cloudProviderCredentials: { name: 's' },
      },
    };
    assert.deepEqual(checkObject(gw).map((p) => p.path), ['/spec/largeLanguageModels/cloudHosted/0/defaultPromptParams/temperature']);
  });

  it('GIVEN an apiVersion the vendored CRD does not serve WHEN checked THEN that is a problem, not a pass', () => {
    assert.equal(checkObject({ ...route(), apiVersion: 'gateway.networking.k8s.io/v9' }).length, 1);
  });

  it('GIVEN a schema WHEN closed THEN objects with properties reject extras, preserve-unknown and explicit maps stay open, fields named "properties" stay fields', () => {
    const closed = closeCrdSchema({
      type: 'object',
      properties: {
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: {} } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        properties: { type: 'string' },
        list: { type: 'array', items: { type: 'object', properties: { b: {} } } },
      },
    }) as Doc;
    assert.equal(closed.additionalProperties, false);
    assert.equal(closed.properties.config.additionalProperties, undefined);
    assert.deepEqual(closed.properties.labels.additionalProperties, { type: 'string' });
    assert.deepEqual(closed.properties.properties, { type: 'string' });
    assert.equal(closed.properties.list.items.additionalProperties, false);
  });
});
