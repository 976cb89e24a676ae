/** The suite's own checks: enough cases, unique kebab-case names, every config builds, and every
 * case declares at least the features its config uses (so a gateway never runs a case it cannot
 * express, and skips say the truth). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../../src/cli/commands/conformance.ts';
import { usedFeatures } from '../../src/model/index.ts';
import { buildCase } from '../../src/testing/conformance/build-case.ts';
import { loadCases } from '../../src/testing/conformance/load-cases.ts';
import { CASES_DIR } from './suite.ts';

describe('conformance cases', async () => {
  const loaded = await loadCases(CASES_DIR);
  assert.ok(loaded.ok);
  const cases = loaded.value;

  it('are at least 40, with unique kebab-case names and a description each', () => {
    assert.ok(cases.length >= 40, `${cases.length} cases`);
    assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
    for (const c of cases) {
      assert.match(c.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, c.name);
      assert.ok(c.description.length > 20, `${c.name} says what it checks`);
      assert.ok(c.exchanges.length > 0, `${c.name} has exchanges`);
    }
  });

  it('build, and declare every feature their config uses', async () => {
    for (const c of cases) {
      // GIVEN a case WHEN its config is built
      const built = await buildCase(c, PACKAGE_ROOT);
      assert.ok(built.ok, `${c.name}: ${built.ok ? '' : built.diagnostics.map((d) => d.message).join('; ')}`);
      // THEN its features cover what the model uses
      const missing = usedFeatures(built.value.model)
        .map((u) => u.feature)
        .filter((f) => !c.features.includes(f));
      assert.deepEqual(missing, [], `${c.name} uses features it does not declare`);
    }
  });

  it('cover every provider kind with a chat and a stream case, and the failure modes peers got wrong', () => {
    const names = new Set(cases.map((c) => c.name));
    for (const kind of ['openai', 'azure', 'anthropic', 'cohere', 'mistral', 'llama2', 'gemini', 'bedrock', 'ollama', 'openai-compatible']) {
      assert.ok(names.has(`provider-${kind}-chat`) && names.has(`provider-${kind}-stream`), kind);
    }
    for (const name of ['stream-cut-midway-is-not-clean', 'limit-counts-anthropic-stream-usage', 'stream-gzip-translated', 'fallback-stream-429-before-first-byte']) assert.ok(names.has(name), name);
  });
});
