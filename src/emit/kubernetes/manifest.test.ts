/** The Kubernetes object envelope, the default options, and the DNS-1123 name rules. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gateway } from '../../../test/support/models.ts';
import { clean } from '../serialize.ts';
import { isDnsLabel, isDnsSubdomain } from './dns.ts';
import { manifest, objectMeta } from './manifest.ts';
import { DEFAULT_KUBERNETES_OPTIONS, kubernetesOptions, type KubernetesOptions } from './options.ts';

describe('Kubernetes manifests', () => {
  it('GIVEN a body WHEN wrapped THEN apiVersion, kind and metadata come first, then the body in its own order', () => {
    const m = gateway();
    const obj = clean(manifest('v1', 'Service', objectMeta(m, kubernetesOptions(m), 'acme-x'), { spec: { b: 1, a: 2 } }));
    assert.deepEqual(Object.keys(obj), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.deepEqual(obj.metadata, { name: 'acme-x', labels: { 'app.kubernetes.io/managed-by': 'aigate', 'aigate.dev/gateway': 'acme' } });
    assert.deepEqual(Object.keys(obj.spec), ['b', 'a']);
  });

  it('GIVEN a namespace in the options WHEN wrapping namespaced and cluster-scoped kinds THEN only the namespaced one gets it', () => {
    const m = gateway();
    const options: KubernetesOptions = { ...DEFAULT_KUBERNETES_OPTIONS, namespace: 'ai' };
    assert.equal(objectMeta(m, options, 'x').namespace, 'ai');
    assert.equal(objectMeta(m, options, 'x', { clusterScoped: true }).namespace, undefined);
  });

  it('GIVEN no annotations or an empty set WHEN wrapped THEN metadata has no annotations key', () => {
    const m = gateway();
    assert.equal(objectMeta(m, DEFAULT_KUBERNETES_OPTIONS, 'x', { annotations: {} }).annotations, undefined);
    assert.deepEqual(objectMeta(m, DEFAULT_KUBERNETES_OPTIONS, 'x', { annotations: { a: 'b' } }).annotations, { a: 'b' });
  });

  it('GIVEN today’s config WHEN asked for options THEN no namespace, Gateway and classes "kong"', () => {
    assert.deepEqual(kubernetesOptions(gateway()), { gateway: { name: 'kong' }, gatewayClassName: 'kong', ingressClass: 'kong' });
  });

  it('GIVEN names WHEN checked against DNS-1123 THEN labels and subdomains follow the rules', () => {
    assert.ok(isDnsLabel('acme-chat-1'));
    for (const bad of ['Acme', 'a_b', '-a', 'a-', 'a.b', '', 'a'.repeat(64)]) assert.equal(isDnsLabel(bad), false, bad);
    assert.ok(isDnsSubdomain('a.b-c.d'));
    assert.equal(isDnsSubdomain('a..b'), false);
  });
});
