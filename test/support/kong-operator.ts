/** Test helpers for the kong-operator target: emit-and-check. */
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/diagnostics/index.ts';
import type { GatewayModel } from '../../src/model/index.ts';
import { kongOperatorTarget } from '../../targets/kong-operator/index.ts';
import { assertManifests } from './kubernetes.ts';
import type { Doc } from './models.ts';

/** Emits, expects success, checks the one AIGateway against its CRD, and returns it with the text and warnings. */
export function emitOk(m: GatewayModel): { text: string; gateway: Doc; warnings: readonly Diagnostic[] } {
  const result = kongOperatorTarget.emit(m);
  if (!result.ok) assert.fail(`expected success, got:\n${result.diagnostics.map((d) => `${d.path.join('.')}: ${d.message}`).join('\n')}`);
  const [file, ...rest] = result.value;
  assert.equal(rest.length, 0);
  assert.equal(file?.path, 'kong-operator.yaml');
  const text = file?.content ?? '';
  const objects = assertManifests(text, m.name, m.kong.version);
  assert.equal(objects.length, 1);
  return { text, gateway: objects[0], warnings: result.warnings };
}

/** Emits, expects failure, and returns the errors (warnings left out). */
export function emitErrors(m: GatewayModel): readonly Diagnostic[] {
  const result = kongOperatorTarget.emit(m);
  assert.equal(result.ok, false, 'expected the emit to fail');
  return result.ok ? [] : result.diagnostics.filter((d) => d.severity === 'error');
}
