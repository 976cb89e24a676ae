/** Test helpers for the deck target: emit-and-parse, and the decK/Kong schema check as an
 * assertion. Models come from ./models.ts. */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { formatProblems, checkDeck } from '../../targets/deck/schema-check.ts';
import { deckTarget } from '../../targets/deck/index.ts';
import type { Diagnostic } from '../../src/diagnostics/index.ts';
import type { GatewayModel, KongVersion } from '../../src/model/index.ts';
import { withVersion, type Doc } from './models.ts';

/** Emits, expects success, and returns the file text and its parsed form. */
export function emitOk(m: GatewayModel): { text: string; doc: Doc } {
  const result = deckTarget.emit(m);
  if (!result.ok) assert.fail(`expected success, got:\n${result.diagnostics.map((d) => `${d.path.join('.')}: ${d.message}`).join('\n')}`);
  assert.equal(result.value.length, 1);
  const [file] = result.value;
  if (file === undefined) assert.fail('no artefact');
  assert.equal(file.path, 'deck.yaml');
  return { text: file.content, doc: parse(file.content) };
}

/** Emits, expects failure, and returns the diagnostics. */
export function emitFails(m: GatewayModel): readonly Diagnostic[] {
  const result = deckTarget.emit(m);
  assert.equal(result.ok, false, 'expected the emit to fail');
  return result.ok ? [] : result.diagnostics;
}

export function assertSchemaClean(doc: Doc, version: KongVersion): void {
  const problems = checkDeck(doc, version);
  assert.equal(problems.length, 0, `schema problems for Kong ${version}:\n${formatProblems(problems)}`);
}

/** Emits for Kong 3.15 and 3.10, checks each against its own schemas, and returns both. */
export function emitBoth(m: GatewayModel): { v315: Doc; v310: Doc } {
  const v315 = emitOk(withVersion(m, '3.15')).doc;
  const v310 = emitOk(withVersion(m, '3.10')).doc;
  assertSchemaClean(v315, '3.15');
  assertSchemaClean(v310, '3.10');
  return { v315, v310 };
}

export function routePlugins(doc: Doc, service = 0): Doc[] {
  return doc.services[service].routes[0].plugins;
}

export function plugin(doc: Doc, name: string, service = 0): Doc {
  const found = routePlugins(doc, service).find((p: Doc) => p.name === name);
  assert.ok(found, `no ${name} plugin on service ${service}`);
  return found;
}
