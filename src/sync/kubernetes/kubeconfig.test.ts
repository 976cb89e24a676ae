/** Finding the cluster as kubectl does: --kubeconfig, KUBECONFIG (merged, first wins), ~/.kube/config,
 * --context and --namespace. */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { workdir, writeKubeconfig } from '../../../test/support/sync.ts';
import { KubeConfigError, loadKubeConfig } from './kubeconfig.ts';

describe('loadKubeConfig', () => {
  const work = workdir();
  after(() => work.close());
  const a = writeKubeconfig(work.dir, 'http://127.0.0.1:1', 't', [{ name: 'dev', namespace: 'ai' }, { name: 'bare' }], 'a.yaml');
  const b = writeKubeconfig(work.dir, 'http://127.0.0.1:2', 't', [{ name: 'prod', namespace: 'gateways' }, { name: 'dev', namespace: 'shadowed' }], 'b.yaml');

  it('GIVEN KUBECONFIG with two files WHEN loaded THEN they merge, the first current context and the first definition win', () => {
    const r = loadKubeConfig({ env: { KUBECONFIG: [a, b].join(delimiter) } });
    assert.equal(r.context, 'dev');
    assert.equal(r.namespace, 'ai');
    assert.equal(loadKubeConfig({ env: { KUBECONFIG: [a, b].join(delimiter) }, context: 'prod' }).namespace, 'gateways');
  });

  it('GIVEN --kubeconfig WHEN loaded THEN KUBECONFIG is ignored, and --namespace beats the context', () => {
    const r = loadKubeConfig({ kubeconfig: b, namespace: 'other', env: { KUBECONFIG: a } });
    assert.equal(r.context, 'prod');
    assert.equal(r.namespace, 'other');
  });

  it('GIVEN a context without a namespace WHEN loaded THEN default', () => {
    assert.equal(loadKubeConfig({ kubeconfig: a, context: 'bare' }).namespace, 'default');
  });

  it('GIVEN ~/.kube/config only WHEN loaded THEN it is used', () => {
    const home = join(work.dir, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeKubeconfig(join(home, '.kube'), 'http://127.0.0.1:3', 't', [{ name: 'home' }], 'config');
    assert.equal(loadKubeConfig({ env: { HOME: home } }).context, 'home');
  });

  it('GIVEN an unknown context or no kubeconfig at all WHEN loaded THEN an error says what exists and what to do', () => {
    assert.throws(() => loadKubeConfig({ kubeconfig: a, context: 'nope' }), (e: KubeConfigError) => /no context "nope"/.test(e.message) && e.hint === 'contexts: dev, bare');
    assert.throws(() => loadKubeConfig({ env: { HOME: join(work.dir, 'nobody') } }), (e: KubeConfigError) => e.message === 'no kubeconfig found' && /--kubeconfig/.test(e.hint));
  });
});
