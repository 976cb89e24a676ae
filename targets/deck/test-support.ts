/** Test helpers for the deck target: small hand-built models, emit-and-parse, and the schema
 * check as an assertion. Used only by the `*.test.ts` files next to it. */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { formatProblems, checkDeck } from './schema-check.ts';
import { deckTarget } from './index.ts';
import type { Diagnostic } from '../../src/diagnostics/index.ts';
import {
  MODEL_FORMAT_VERSION,
  type Consumer,
  type GatewayModel,
  type KongVersion,
  type Model,
  type Provider,
  type Route,
  type Vaults,
} from '../../src/model/index.ts';

// The parsed file is plain JSON-like data; tests reach into it freely.
export type Doc = any;

export const openai: Provider = {
  kind: 'openai',
  name: 'openai',
  allowAuthOverride: false,
  auth: { kind: 'header', name: 'Authorization', value: { kind: 'env', name: 'OPENAI_API_KEY' } },
};

export function model(name: string, providerName: string, modelName = name, extra: Partial<Model> = {}): Model {
  return { name, provider: providerName, model: modelName, options: {}, ...extra };
}

export function route(name: string, models: readonly string[], extra: Partial<Route> = {}): Route {
  return {
    name,
    paths: [`/${name}`],
    type: 'chat',
    models,
    streaming: 'allow',
    logging: { statistics: true, payloads: false },
    modelNameHeader: true,
    ...extra,
  };
}

export interface GatewayParts {
  readonly version?: KongVersion;
  readonly providers?: readonly Provider[];
  readonly models?: readonly Model[];
  readonly routes?: readonly Route[];
  readonly consumers?: readonly Consumer[];
  readonly consumerGroups?: readonly string[];
  readonly vaults?: Vaults;
}

/** A small valid model: one OpenAI provider, one model, one chat route serving the first model,
 * unless parts say otherwise. */
export function gateway(parts: GatewayParts = {}): GatewayModel {
  const models = parts.models ?? [model('gpt', 'openai', 'gpt-4o')];
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    name: 'acme',
    kong: { version: parts.version ?? '3.15' },
    providers: parts.providers ?? [openai],
    models,
    routes: parts.routes ?? [route('chat', models.slice(0, 1).map((x) => x.name))],
    consumers: parts.consumers ?? [],
    consumerGroups: (parts.consumerGroups ?? []).map((name) => ({ name })),
    vaults: parts.vaults ?? {},
  };
}

export function withVersion(m: GatewayModel, version: KongVersion): GatewayModel {
  return { ...m, kong: { version } };
}

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
