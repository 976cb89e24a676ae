/** Every valid fixture, compiled for the Kubernetes targets: each object validates against its
 * vendored CRD with unknown fields as errors, carries aigate's labels and DNS-1123 names, and
 * kong-operator either emits an AIGateway or says, with paths, what it cannot carry. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFixture, fixtures } from './support/fixtures.ts';
import { assertManifests } from './support/kubernetes.ts';

const K8S = ['kong-ingress', 'kong-operator'];

describe('Kubernetes targets on every valid fixture', () => {
  for (const f of fixtures('valid')) {
    it(`${f.name}: objects validate against the CRDs, or the target says what it cannot carry`, async () => {
      const c = await compileFixture(f);
      assert.ok(c.model.ok, `${f.name} builds a model`);
      for (const run of c.targets.filter((t) => K8S.includes(t.target.id))) {
        if (!run.result.ok) {
          const errors = run.result.diagnostics.filter((d) => d.severity === 'error');
          assert.ok(errors.length > 0);
          for (const d of errors) {
            assert.equal(d.code, 'unsupported_by_target', `${run.target.id}: ${d.message}`);
            assert.equal(d.target, run.target.id);
            assert.ok(d.path.length > 0, `${run.target.id}: "${d.message}" has a path`);
          }
          continue;
        }
        for (const artefact of run.result.value) assertManifests(artefact.content, c.model.value.name, c.model.value.kong.version);
      }
    });
  }

  it('kong-ingress carries most fixtures and kong-operator at least one', async () => {
    let ingress = 0;
    let operator = 0;
    for (const f of fixtures('valid')) {
      const c = await compileFixture(f);
      for (const run of c.targets) {
        if (run.result.ok && run.target.id === 'kong-ingress') ingress++;
        if (run.result.ok && run.target.id === 'kong-operator') operator++;
      }
    }
    assert.ok(ingress >= fixtures('valid').length - 3, `kong-ingress emitted for ${ingress} fixtures`);
    assert.ok(operator >= 1, 'kong-operator emitted for at least one fixture');
  });
});
