/** The conformance suite on aigate's reference proxy: every case must pass, and the committed
 * report (test/conformance/reports/reference.*) must be what a run writes now, byte for byte.
 * Regenerate it with `npm run conformance:reference`. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { describeFailures } from '../../src/testing/index.ts';
import { REPORTS_DIR, runConformance } from './suite.ts';

describe('conformance: reference proxy', () => {
  it('passes every case and matches the committed report', async () => {
    // GIVEN the whole suite WHEN it runs against the reference proxy
    const run = await runConformance({ gateway: 'reference' });

    // THEN nothing fails
    const failed = run.results.filter((r) => r.status === 'fail');
    assert.deepEqual(
      failed.map((r) => `${r.name}: ${r.reason ?? describeFailures(r.failures).join('\n  ')}`),
      [],
      'every conformance case passes on the reference proxy',
    );
    // AND the reference runs everything it declares, which is every case today
    assert.deepEqual(run.results.filter((r) => r.status === 'skip').map((r) => `${r.name}: ${r.reason}`), []);
    // AND the committed report is fresh
    assert.equal(run.report.markdown, readFileSync(join(REPORTS_DIR, 'reference.md'), 'utf8'), 'reference.md is stale: npm run conformance:reference');
    assert.equal(run.report.json, readFileSync(join(REPORTS_DIR, 'reference.json'), 'utf8'), 'reference.json is stale: npm run conformance:reference');
  });
});
