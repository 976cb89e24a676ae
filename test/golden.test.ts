/**
 * Golden files: every fixture through the whole pipeline and every target in `TARGETS`, compared
 * byte for byte with `expected/` beside it. Valid fixtures hold `model.json` and each target's
 * artefacts; invalid ones hold `diagnostics.txt` (loading, checking and every target together).
 * A valid fixture with `environments` also holds, per environment, the same files compiled with
 * that environment applied, under `expected/env-<name>/`.
 *
 * `UPDATE_GOLDEN=1 node --test test/golden.test.ts` rewrites the expected files instead; read the
 * diff before committing it, since a golden that records a bug is worse than none.
 * @module
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { TARGETS } from '../src/cli/targets.ts';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../src/diagnostics/index.ts';
import {
  allDiagnostics,
  compileFixture,
  envDir,
  expectedFiles,
  fixtureEnvironments,
  fixtures,
  readExpected,
  type Compiled,
  type Fixture,
} from './support/fixtures.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Codes a config can cause; the rest come from the CLI or a missing file, not from a fixture. */
// diff and sync report secret_unavailable and sync_failed from the environment and the live system, not the config.
const NOT_FROM_A_CONFIG: readonly DiagnosticCode[] = ['config_not_found', 'target_unknown', 'usage', 'output_stale', 'write_failed', 'secret_unavailable', 'sync_failed'];

function writeGolden(f: Fixture, files: ReadonlyMap<string, string>): void {
  rmSync(f.expectedDir, { recursive: true, force: true });
  for (const [rel, content] of files) {
    const path = join(f.expectedDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

function compareGolden(f: Fixture, files: ReadonlyMap<string, string>): void {
  const onDisk = readExpected(f);
  assert.deepEqual(
    [...onDisk.keys()].sort(),
    [...files.keys()].sort(),
    `${f.kind}/${f.name}: the files in expected/ differ from what the pipeline writes (run with UPDATE_GOLDEN=1)`,
  );
  for (const [rel, content] of files) {
    assert.equal(content, onDisk.get(rel), `${f.kind}/${f.name}/expected/${rel} is out of date (run with UPDATE_GOLDEN=1)`);
  }
}

/** Load diagnostics name the fixture's file; target diagnostics name their target. */
function assertProvenance(f: Fixture, c: Compiled): void {
  const early = c.model.ok ? c.model.warnings : c.model.diagnostics;
  for (const d of early) if (d.file !== undefined) assert.equal(d.file, f.file, `diagnostic ${d.code} names another file`);
  for (const { target, result } of c.targets) {
    for (const d of result.ok ? result.warnings : result.diagnostics) {
      assert.equal(d.target, target.id, `a ${target.id} diagnostic (${d.code}) does not say which target raised it`);
    }
  }
}

describe('golden: valid fixtures', () => {
  for (const f of fixtures('valid')) {
    it(f.name, async () => {
      // GIVEN a valid config WHEN it is compiled for every target
      const c = await compileFixture(f);

      // THEN it checks clean
      assert.ok(c.model.ok, `expected a model, got:\n${allDiagnostics(c).map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`).join('\n')}`);
      assert.deepEqual(c.model.warnings, [], 'a valid fixture should not warn');
      assertProvenance(f, c);
      // AND the model and every artefact match the goldens, for each environment too
      const files = expectedFiles(f, c);
      for (const env of await fixtureEnvironments(f)) {
        const e = await compileFixture(f, undefined, env);
        assert.ok(e.model.ok, `environment ${env} must build a model`);
        for (const [rel, content] of expectedFiles(f, e)) files.set(`${envDir(env)}/${rel}`, content);
      }
      if (UPDATE) writeGolden(f, files);
      else compareGolden(f, files);
    });
  }
});

describe('golden: invalid fixtures', () => {
  for (const f of fixtures('invalid')) {
    it(f.name, async () => {
      // GIVEN a config with a mistake WHEN it is loaded, checked and (if it builds) compiled
      const c = await compileFixture(f);

      // THEN something reports an error
      assert.ok(
        allDiagnostics(c).some((d) => d.severity === 'error'),
        'an invalid fixture must fail somewhere: in loading, checking or a target',
      );
      assertProvenance(f, c);
      // AND the diagnostics match diagnostics.txt
      const files = expectedFiles(f, c);
      if (UPDATE) writeGolden(f, files);
      else compareGolden(f, files);
    });
  }

  it('together report every code a config can cause', () => {
    // GIVEN the recorded diagnostics of every invalid fixture
    const seen = new Set<string>();
    for (const f of fixtures('invalid')) {
      const text = readFileSync(join(f.expectedDir, 'diagnostics.txt'), 'utf8');
      for (const line of text.split('\n')) if (line !== '' && !line.startsWith('\t')) seen.add(line.split(/[\t ]/)[0]!);
    }
    // THEN each config-level code appears at least once
    const missing = DIAGNOSTIC_CODES.filter((c) => !NOT_FROM_A_CONFIG.includes(c) && !seen.has(c));
    assert.deepEqual(missing, [], 'add an invalid fixture for each missing code');
  });

  it('five-mistakes reports all five mistakes at once, each with its own code', async () => {
    // GIVEN the fixture with five different mistakes
    const [f] = fixtures('invalid').filter((x) => x.name.endsWith('-five-mistakes'));
    assert.ok(f, 'the five-mistakes fixture is missing');
    // WHEN it is loaded
    const ds = allDiagnostics(await compileFixture(f));
    // THEN there are five errors with five distinct codes
    assert.equal(ds.length, 5, ds.map((d) => d.code).join(', '));
    assert.equal(new Set(ds.map((d) => d.code)).size, 5);
  });
});

describe('golden: the harness', () => {
  it('knows every target', () => {
    assert.ok(TARGETS.length > 0);
    assert.equal(new Set(TARGETS.map((t) => t.id)).size, TARGETS.length, 'target ids are unique');
  });
});
