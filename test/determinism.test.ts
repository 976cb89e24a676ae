/**
 * Compiling is deterministic: the same config gives byte-identical models and artefacts, whether
 * the file is loaded again or the same model is emitted again.
 * @module
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emitTarget } from '../src/compile/index.ts';
import { compileFixture, fixtures, modelJson, renderDiagnostics, type Compiled } from './support/fixtures.ts';

/** The model and every target's artefacts (or diagnostics), as one comparable record. */
function bytes(c: Compiled): Record<string, string> {
  assert.ok(c.model.ok, 'a valid fixture must build a model');
  const out: Record<string, string> = { 'model.json': modelJson(c.model.value) };
  for (const { target, result } of c.targets) {
    if (result.ok) for (const a of result.value) out[`${target.id}/${a.path}`] = a.content;
    out[`${target.id}/diagnostics`] = renderDiagnostics(result.ok ? result.warnings : result.diagnostics);
  }
  return out;
}

describe('compiling twice gives the same bytes', () => {
  for (const f of fixtures('valid')) {
    it(f.name, async () => {
      // GIVEN a valid fixture WHEN it is loaded and compiled twice, each time from the file
      const first = await compileFixture(f);
      const second = await compileFixture(f);
      // THEN every file is byte-identical
      assert.deepEqual(bytes(second), bytes(first));

      // AND emitting the same model object again changes nothing either
      assert.ok(first.model.ok);
      for (const { target, result } of first.targets) {
        assert.deepEqual(emitTarget(first.model.value, target), result, `target ${target.id} is not pure`);
      }
    });
  }
});
