/** Checks a parsed decK document the way decK and Kong would: the whole file against decK's file
 * schema, and each plugin's config against Kong's schema for that plugin and version. */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
// A CommonJS module whose class is both `module.exports` and `.default`; `.default` types under NodeNext.
import ajvDraft04 from 'ajv-draft-04';
import { KONG_VERSIONS, type KongVersion } from '../../src/model/index.ts';
import { unvendoredProblems } from './unvendored-plugins.ts';

export interface SchemaProblem {
  /** JSON pointer into the checked document, e.g. `/services/0/routes/0/plugins/1/config/model`. */
  readonly path: string;
  readonly message: string;
}

const VENDOR = new URL('../../schema/vendor/kong/', import.meta.url);

/** Every problem found; empty when decK and Kong would accept the document. */
export function checkDeck(doc: unknown, version: KongVersion): SchemaProblem[] {
  const problems = run(deckValidator(), doc, '', 'decK file schema');
  for (const { pointer, plugin } of pluginsIn(doc)) problems.push(...checkPlugin(plugin, version, pointer));
  return problems;
}

/**
 * One plugin (`{ name, config, protocols? }`, as in a decK file or a KongPlugin resource) against
 * Kong's schema for that plugin and version, or against its field list for the plugins aigate
 * writes without a vendored schema (unvendored-plugins.ts); `pointer` prefixes the reported paths.
 */
export function checkPlugin(plugin: Readonly<Record<string, unknown>>, version: KongVersion, pointer = ''): SchemaProblem[] {
  const schemaVersion = pluginSchemaVersion(version);
  const name = typeof plugin.name === 'string' ? plugin.name : '';
  const validate = pluginValidator(schemaVersion, name);
  if (validate === undefined) {
    // Plugins without a vendored schema are checked against their field names, if aigate writes them.
    const fieldProblems = unvendoredProblems(name, plugin.config);
    if (fieldProblems !== undefined) return fieldProblems.map(([at, message]) => ({ path: `${pointer}${at}`, message: `${message} [${name} (field list)]` }));
    return [{ path: pointer, message: `no vendored Kong ${schemaVersion} schema for plugin "${name}"` }];
  }
  const entity = plugin.protocols === undefined ? { config: plugin.config } : { config: plugin.config, protocols: plugin.protocols };
  return run(validate, entity, pointer, `${name} (Kong ${schemaVersion} schema)`);
}

export function formatProblems(problems: readonly SchemaProblem[]): string {
  return problems.map((p) => `${p.path || '/'}: ${p.message}`).join('\n');
}

/**
 * A deep copy of `schema` in which every object schema with `properties` and no
 * `additionalProperties` of its own rejects unknown fields, as Kong does for plugin configs.
 */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = closeObjects(v);
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

/** The newest vendored plugin schema version not newer than `version` (3.11–3.14 fall to 3.10). */
export function pluginSchemaVersion(version: KongVersion): KongVersion {
  const rank = (v: KongVersion) => KONG_VERSIONS.indexOf(v);
  const usable = vendoredVersions().filter((v) => rank(v) <= rank(version));
  const newest = usable.sort((a, b) => rank(a) - rank(b)).at(-1);
  if (newest === undefined) throw new Error(`no vendored Kong plugin schemas at or below ${version}`);
  return newest;
}

function run(validate: ValidateFunction, data: unknown, prefix: string, source: string): SchemaProblem[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({ path: `${prefix}${e.instancePath}`, message: `${describe(e)} [${source}]` }));
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `unknown field "${String(p.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${e.message}: ${(p.allowedValues as unknown[]).join(', ')}`;
  return e.message ?? e.keyword;
}

interface PluginAt {
  readonly pointer: string;
  readonly plugin: Record<string, unknown>;
}

/** Plugins wherever decK allows them: top level, or nested under services, routes, consumers and groups. */
function pluginsIn(doc: unknown): PluginAt[] {
  const out: PluginAt[] = [];
  const collect = (owner: unknown, pointer: string) => {
    for (const [i, plugin] of records(field(owner, 'plugins'))) out.push({ pointer: `${pointer}/plugins/${i}`, plugin });
  };
  collect(doc, '');
  for (const [i, svc] of records(field(doc, 'services'))) {
    collect(svc, `/services/${i}`);
    for (const [j, route] of records(field(svc, 'routes'))) collect(route, `/services/${i}/routes/${j}`);
  }
  for (const key of ['routes', 'consumers', 'consumer_groups']) {
    for (const [i, owner] of records(field(doc, key))) collect(owner, `/${key}/${i}`);
  }
  return out;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

function records(value: unknown): [number, Record<string, unknown>][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i) => (v !== null && typeof v === 'object' ? [[i, v as Record<string, unknown>] as [number, Record<string, unknown>]] : []));
}

const validators = new Map<string, ValidateFunction | undefined>();

function deckValidator(): ValidateFunction {
  const key = 'deck';
  const cached = validators.get(key);
  if (cached) return cached;
  // decK's schema is draft-04; its own objects are already closed where decK means it.
  const v = new ajvDraft04.default({ strict: false, allErrors: true }).compile(readJson('kong_json_schema.json') as object);
  validators.set(key, v);
  return v;
}

function pluginValidator(schemaVersion: KongVersion, plugin: string): ValidateFunction | undefined {
  const key = `${schemaVersion}/${plugin}`;
  if (!validators.has(key)) {
    const file = `plugins/${schemaVersion}/${pascalCase(plugin)}.json`;
    let schema: unknown;
    try {
      schema = readJson(file);
    } catch {
      validators.set(key, undefined);
      return undefined;
    }
    // strict: false because Kong's schemas carry x-referenceable/x-encrypted and array maxLength.
    validators.set(key, new Ajv({ strict: false, allErrors: true }).compile(closeObjects(schema) as object));
  }
  return validators.get(key);
}

function vendoredVersions(): KongVersion[] {
  return readdirSync(new URL('plugins/', VENDOR), { withFileTypes: true })
    .filter((d) => d.isDirectory() && (KONG_VERSIONS as readonly string[]).includes(d.name))
    .map((d) => d.name as KongVersion);
}

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(new URL(relative, VENDOR), 'utf8'));
}

/** `ai-proxy-advanced` → `AiProxyAdvanced`, the file names Kong's docs use for plugin schemas. */
function pascalCase(name: string): string {
  return name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
