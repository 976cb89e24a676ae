/** Test helpers for the kong-ingress target: emit-and-check, and finding objects by kind. */
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/diagnostics/index.ts';
import type { GatewayModel, KongVersion } from '../../src/model/index.ts';
import { kongIngressTarget } from '../../targets/kong-ingress/index.ts';
import { assertManifests } from './kubernetes.ts';
import { withVersion, type Doc } from './models.ts';

/** Emits, expects success, runs every manifest check, and returns the text, objects and warnings. */
export function emitOk(m: GatewayModel): { text: string; objects: Doc[]; warnings: readonly Diagnostic[] } {
  const result = kongIngressTarget.emit(m);
  if (!result.ok) assert.fail(`expected success, got:\n${result.diagnostics.map((d) => `${d.path.join('.')}: ${d.message}`).join('\n')}`);
  assert.equal(result.value.length, 1);
  const [file] = result.value;
  assert.equal(file?.path, 'kong-ingress.yaml');
  const text = file?.content ?? '';
  return { text, objects: assertManifests(text, m.name, m.kong.version), warnings: result.warnings };
}

/** Emits for Kong 3.15 and 3.10, each checked against its own plugin schemas. */
export function emitBoth(m: GatewayModel): { v315: Doc[]; v310: Doc[] } {
  const at = (v: KongVersion) => emitOk(withVersion(m, v)).objects;
  return { v315: at('3.15'), v310: at('3.10') };
}

export function emitFails(m: GatewayModel): readonly Diagnostic[] {
  const result = kongIngressTarget.emit(m);
  assert.equal(result.ok, false, 'expected the emit to fail');
  return result.ok ? [] : result.diagnostics;
}

export function ofKind(objects: readonly Doc[], kind: string): Doc[] {
  return objects.filter((o) => o.kind === kind);
}

export function named(objects: readonly Doc[], kind: string, name: string): Doc {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  assert.ok(found, `no ${kind}/${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** `[code, dotted path]` pairs, the shape most assertions compare. */
export function codesAndPaths(ds: readonly Diagnostic[]): [string, string][] {
  return ds.map((d) => [d.code, d.path.join('.')]);
}
