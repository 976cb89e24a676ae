/** The conformance suite on Portkey's OSS gateway (`@portkey-ai/gateway`, a pinned dev dependency,
 * started on a loopback port; about ten seconds). Portkey differs from Kong in places, and each
 * case it fails carries a note saying how (`known.portkey.note`): this test fails only on a
 * difference nobody has explained, so a new Portkey behaviour (or a regression in the portkey
 * target) shows up here. The report is written by `npm run conformance:portkey`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFailures } from '../../src/testing/index.ts';
import { runConformance } from './suite.ts';

describe('conformance: portkey', () => {
  it('fails only where a case explains the difference', async () => {
    // GIVEN the whole suite WHEN it runs against Portkey
    const run = await runConformance({ gateway: 'portkey' });

    // THEN every failure is a known, explained difference
    const unexplained = run.results.filter((r) => r.status === 'fail' && r.note === undefined);
    assert.deepEqual(
      unexplained.map((r) => `${r.name}: ${r.reason ?? describeFailures(r.failures).join('\n  ')}`),
      [],
    );
    // AND the provider and fallback cases it can run pass
    const passed = new Set(run.results.filter((r) => r.status === 'pass').map((r) => r.name));
    for (const name of ['provider-openai-chat', 'provider-anthropic-stream', 'fallback-on-429', 'fallback-stream-429-before-first-byte', 'decorator-prepends-system-prompt']) {
      assert.ok(passed.has(name), `${name} passes on Portkey`);
    }
  });
});
