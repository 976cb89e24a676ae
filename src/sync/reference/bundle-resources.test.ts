/** A reference bundle split into the objects a diff names, and where its inline secrets sit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundleResources, inlineSecretFields } from './bundle-resources.ts';

const bundle = {
  format: 'aigate-reference-bundle',
  bundleVersion: 1,
  gateway: {
    name: 'acme',
    kong: { version: '3.15' },
    providers: [{ name: 'openai', kind: 'openai', auth: { kind: 'header', name: 'Authorization', value: { kind: 'inline', value: 'sk-x' } } }],
    models: [{ name: 'main', provider: 'openai' }],
    routes: [{ name: 'chat', paths: ['/chat'] }],
    consumers: [{ name: 'ann', credentials: [{ key: { kind: 'env', name: 'ANN_KEY' } }, { key: { kind: 'inline', value: 'k2' } }] }],
    consumerGroups: [],
    futureList: [{ name: 'x' }],
    vaults: {},
  },
};

describe('bundleResources', () => {
  it('GIVEN a bundle THEN one object per named item, and a Gateway with everything else, unknown lists included', () => {
    const rs = bundleResources(bundle);
    assert.deepEqual(
      rs.map((r) => `${r.kind}/${r.name}`),
      ['Gateway/acme', 'Provider/openai', 'Model/main', 'Route/chat', 'Consumer/ann'],
    );
    assert.deepEqual(rs[0]?.body, { format: 'aigate-reference-bundle', bundleVersion: 1, name: 'acme', kong: { version: '3.15' }, futureList: [{ name: 'x' }], vaults: {} });
    assert.equal(rs[3]?.body, bundle.gateway.routes[0]);
  });
});

describe('inlineSecretFields', () => {
  it('GIVEN inline and env secrets THEN only the inline values are listed, list positions as *', () => {
    assert.deepEqual(inlineSecretFields(bundleResources(bundle)), {
      Provider: [['auth', 'value', 'value']],
      Consumer: [['credentials', '*', 'key', 'value']],
    });
  });
});
