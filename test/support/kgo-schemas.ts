/**
 * Validates emitted Kubernetes objects against the vendored CRDs (schema/vendor/kgo/): the
 * `openAPIV3Schema` of the version the object's apiVersion names, with every object that lists
 * `properties` closed (the API server would prune an unknown field silently, so a test must not),
 * plus the CEL rules on HTTPRoute path values, read from the CRD and evaluated here. The core
 * Service has no CRD; a small hand-written schema covers the fields aigate writes.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import type { Doc } from './models.ts';

export interface ObjectProblem {
  readonly path: string;
  readonly message: string;
}

const VENDOR = new URL('../../schema/vendor/kgo/', import.meta.url);

/** Every problem with one object; empty when the API server would accept it as written. */
export function checkObject(obj: Doc): ObjectProblem[] {
  const validate = validatorFor(String(obj?.apiVersion), String(obj?.kind));
  if (validate === undefined) return [{ path: '', message: `no schema for ${obj?.apiVersion} ${obj?.kind}` }];
  const problems = validate(obj) ? [] : (validate.errors ?? []).map(toProblem);
  if (obj.kind === 'HTTPRoute') problems.push(...pathRuleProblems(obj));
  return problems;
}

export function formatObjectProblems(obj: Doc, problems: readonly ObjectProblem[]): string {
  return problems.map((p) => `${obj?.kind}/${obj?.metadata?.name}${p.path}: ${p.message}`).join('\n');
}

/**
 * A copy of a CRD schema in which each object schema with `properties` rejects other fields,
 * unless it keeps unknown fields on purpose (`x-kubernetes-preserve-unknown-fields`) or says
 * what extra fields may hold (`additionalProperties`). Walks schema positions only, so a field
 * that happens to be called `properties` stays a field.
 */
export function closeCrdSchema(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = schema as Record<string, unknown>;
  const out: Record<string, unknown> = { ...s };
  if (isRecord(s.properties)) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, closeCrdSchema(v)]));
  if (s.items !== undefined) out.items = closeCrdSchema(s.items);
  if (isRecord(s.additionalProperties)) out.additionalProperties = closeCrdSchema(s.additionalProperties);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) out[k] = (s[k] as unknown[]).map(closeCrdSchema);
  if (s.not !== undefined) out.not = closeCrdSchema(s.not);
  if ('properties' in s && !('additionalProperties' in s) && s['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}

// The fields of core/v1 Service that aigate writes, from the Kubernetes API reference; anything
// else is an error, as with the CRDs.
const SERVICE_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'v1' },
    kind: { const: 'Service' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'externalName', 'ports'],
      properties: {
        type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
        externalName: { type: 'string', minLength: 1 },
        ports: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['port'],
            properties: {
              name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 15 },
              port: { type: 'integer', minimum: 1, maximum: 65535 },
              protocol: { enum: ['TCP', 'UDP', 'SCTP'] },
            },
          },
        },
      },
    },
  },
};

const validators = new Map<string, ValidateFunction | undefined>();

function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion} ${kind}`;
  if (!validators.has(key)) {
    const schema = apiVersion === 'v1' && kind === 'Service' ? SERVICE_SCHEMA : crdSchema(apiVersion, kind);
    // strict: false for the x-kubernetes-* keywords; formats (int32, date-time) are not checked.
    validators.set(key, schema === undefined ? undefined : new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema as object));
  }
  return validators.get(key);
}

function crdSchema(apiVersion: string, kind: string): unknown {
  const [group, version] = apiVersion.split('/');
  const crd = crds().find((c) => c?.spec?.group === group && c?.spec?.names?.kind === kind);
  const served = crd?.spec?.versions?.find((v: Doc) => v.name === version && v.served === true);
  return served && closeCrdSchema(served.schema.openAPIV3Schema);
}

let loaded: Doc[] | undefined;
function crds(): Doc[] {
  loaded ??= readdirSync(VENDOR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parse(readFileSync(new URL(f, VENDOR), 'utf8')));
  return loaded;
}

/** The HTTPRoute CRD's CEL rules on path values, in the four shapes it uses, applied to each match. */
function pathRuleProblems(route: Doc): ObjectProblem[] {
  const rules = pathRules();
  const out: ObjectProblem[] = [];
  (route.spec?.rules ?? []).forEach((rule: Doc, i: number) =>
    (rule.matches ?? []).forEach((m: Doc, j: number) => {
      const { type, value } = m.path ?? {};
      if (type !== 'Exact' && type !== 'PathPrefix') return;
      for (const r of rules) if (!r.holds(String(value))) out.push({ path: `/spec/rules/${i}/matches/${j}/path/value`, message: `CEL: ${r.rule}` });
    }),
  );
  return out;
}

interface PathRule {
  readonly rule: string;
  holds(value: string): boolean;
}

let pathRuleCache: PathRule[] | undefined;
function pathRules(): PathRule[] {
  if (pathRuleCache) return pathRuleCache;
  const crd = crds().find((c) => c?.spec?.names?.kind === 'HTTPRoute');
  const v1 = crd.spec.versions.find((v: Doc) => v.name === 'v1');
  const pathSchema = v1.schema.openAPIV3Schema.properties.spec.properties.rules.items.properties.matches.items.properties.path;
  const prefix = "(self.type in ['Exact','PathPrefix']) ? ";
  const shapes: [RegExp, (arg: string) => (v: string) => boolean][] = [
    [/^self\.value\.startsWith\('(.*)'\)$/, (a) => (v) => v.startsWith(a)],
    [/^!self\.value\.contains\('(.*)'\)$/, (a) => (v) => !v.includes(a)],
    [/^!self\.value\.endsWith\('(.*)'\)$/, (a) => (v) => !v.endsWith(a)],
    [/^self\.value\.matches\(r"""(.*)"""\)$/, (a) => (v) => new RegExp(a).test(v)],
  ];
  pathRuleCache = (pathSchema['x-kubernetes-validations'] as Doc[])
    .map((x) => String(x.rule))
    .filter((rule) => rule.startsWith(prefix) && rule.endsWith(' : true'))
    .map((rule) => {
      const body = rule.slice(prefix.length, -' : true'.length);
      for (const [re, make] of shapes) {
        const m = re.exec(body);
        if (m) return { rule, holds: make(m[1] ?? '') };
      }
      throw new Error(`HTTPRoute path rule of an unknown shape: ${rule}`);
    });
  return pathRuleCache;
}

function toProblem(e: ErrorObject): ObjectProblem {
  const p = e.params as Record<string, unknown>;
  const message = e.keyword === 'additionalProperties' ? `unknown field "${String(p.additionalProperty)}"` : e.keyword === 'enum' ? `${e.message}: ${(p.allowedValues as unknown[]).join(', ')}` : (e.message ?? e.keyword);
  return { path: e.instancePath, message };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
