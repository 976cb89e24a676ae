/** The tests written in the example config and in the policy fixtures pass on the reference proxy
 * (what `aigate test <config>` runs), so the examples users copy stay true. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findTarget } from '../src/cli/targets.ts';
import { loadProject } from '../src/compile/index.ts';
import { describeFailures, referenceGateway, runTests, startHarness, type Harness } from '../src/testing/index.ts';

const CONFIGS = [
  'examples/gateway.config.ts',
  'fixtures/valid/016-prompt-guard-password/gateway.config.ts',
  'fixtures/valid/017-compliance-decorator-templates/gateway.config.ts',
  'fixtures/valid/018-answer-in-chinese/gateway.config.ts',
  'fixtures/valid/019-token-limits-and-billing/gateway.config.ts',
  'fixtures/valid/023-balancer-failover/gateway.config.ts',
];

describe('aigate test on the example and the policy fixtures', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  for (const file of CONFIGS) {
    it(file, async () => {
      // GIVEN a config with tests
      const project = await loadProject(file);
      assert.ok(project.ok, project.ok ? '' : project.diagnostics.map((d) => d.message).join('\n'));
      assert.ok(project.value.tests.length > 0, 'the config carries tests');
      // WHEN they run on the reference proxy
      const result = await runTests({ ...project.value, gateway: referenceGateway({ target: findTarget('reference')! }), harness });
      // THEN every one passes
      assert.ok(result.ok, result.ok ? '' : result.diagnostics.map((d) => d.message).join('\n'));
      const failed = result.value.filter((o) => o.status !== 'pass');
      assert.deepEqual(failed.map((o) => `${o.name}\n  ${describeFailures(o.failures).join('\n  ')}`), []);
    });
  }
});
