/** Test helper: reads Kong's ai-proxy unit fixtures, kept as reference data next to the repo in
 * `../shared/reference/kong/fixtures/ai-proxy/unit` (override with AIGATE_KONG_FIXTURES). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Model, Provider, ProviderKind } from '../../../model/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const KONG_FIXTURES = process.env.AIGATE_KONG_FIXTURES ?? path.resolve(here, '../../../../../shared/reference/kong/fixtures/ai-proxy/unit');

/** Why fixture tests are skipped, or `false` when the fixtures are there. */
export const fixturesMissing: string | false = existsSync(KONG_FIXTURES) ? false : `Kong fixtures not found at ${KONG_FIXTURES}`;

export function fixtureBytes(rel: string): Buffer {
  return readFileSync(path.join(KONG_FIXTURES, rel));
}

export function fixtureText(rel: string): string {
  return fixtureBytes(rel).toString('utf8');
}

export function fixtureJson(rel: string): unknown {
  return JSON.parse(fixtureText(rel));
}

/** A provider as the model would hold it, with only the fields a case cares about. */
export function provider(kind: ProviderKind, extra: Record<string, unknown> = {}): Provider {
  return { kind, name: kind, allowAuthOverride: false, ...extra } as Provider;
}

export function model(name: string, options: Model['options'] = {}, extra: Partial<Model> = {}): Model {
  return { name, kind: 'chat', provider: 'p', model: name, options, ...extra };
}

export function secrets(values: Record<string, string>): (ref: { kind: string; name?: string; value?: string }) => string {
  return (ref) => {
    if (ref.kind === 'inline' && ref.value !== undefined) return ref.value;
    const v = ref.name === undefined ? undefined : values[ref.name];
    if (v === undefined) throw new Error(`no secret ${ref.name ?? ref.kind}`);
    return v;
  };
}
