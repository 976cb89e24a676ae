/** Turns zod issues into aigate diagnostics: one switch owns the wording, and unknown keys get a
 * "did you mean" from the schema at that path. Input values are never echoed (they may be secrets). */
import type { z } from 'zod';
import { didYouMean, error, type Diagnostic, type PathSegment } from '../diagnostics/index.ts';

type AnySchema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  element?: AnySchema;
  innerType?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  in?: AnySchema;
}
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema found by walking `path` through `schema`, guided by the input value. */
function objectAt(schema: AnySchema, path: readonly PathSegment[], input: unknown): Def | undefined {
  let def = defOf(schema);
  let value = input;
  for (let i = 0; ; ) {
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'nullable':
      case 'prefault':
        def = defOf(def.innerType!);
        continue;
      case 'pipe':
        def = defOf(def.in!);
        continue;
      case 'union': {
        const kind = def.discriminator && value && typeof value === 'object' ? (value as Record<string, unknown>)[def.discriminator] : undefined;
        const options = (def.options ?? []).map(defOf).filter((o) => o.type === 'object');
        const pick = options.find((o) => def.discriminator === undefined || literalOf(o.shape?.[def.discriminator]) === kind) ?? options[0];
        if (!pick) return undefined;
        def = pick;
        continue;
      }
    }
    if (i === path.length) return def.type === 'object' ? def : undefined;
    const seg = path[i++]!;
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg as string] : undefined;
    if (def.type === 'object' && def.shape?.[seg as string]) def = defOf(def.shape[seg as string]!);
    else if (def.type === 'record' && def.valueType) def = defOf(def.valueType);
    else if (def.type === 'array' && def.element) def = defOf(def.element);
    else return undefined;
  }
}

function literalOf(s: AnySchema | undefined): unknown {
  if (!s) return undefined;
  const d = defOf(s) as Def & { values?: unknown[] };
  return d.type === 'literal' ? d.values?.[0] : undefined;
}

const describeType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const quoteList = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).join(', ');

/** Converts zod issues found while parsing `input` against `schema`; `prefix` is where `input` sits. */
export function zodIssuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  schema: AnySchema,
  input: unknown,
  prefix: readonly PathSegment[] = [],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const rel = issue.path as PathSegment[];
    const path = [...prefix, ...rel];
    const last = rel.at(-1);
    const field = last === undefined ? 'the value' : typeof last === 'number' ? `item ${last}` : `"${last}"`;
    switch (issue.code) {
      case 'invalid_type': {
        const received = (issue as { input?: unknown }).input;
        if (received === undefined) {
          out.push(error('missing_required', path, `${field} is required`, `add ${field} (${issue.expected})`));
        } else {
          out.push(error('invalid_type', path, `${field} must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, not ${describeType(received)}`));
        }
        break;
      }
      case 'unrecognized_keys': {
        const known = Object.keys(objectAt(schema, rel, input)?.shape ?? {});
        for (const key of issue.keys) {
          const hint = didYouMean(key, known) ?? (known.length > 0 ? `known keys: ${known.join(', ')}` : undefined);
          out.push(error('unknown_key', [...path, key], `unknown key "${key}"`, hint));
        }
        break;
      }
      case 'invalid_union': {
        const u = issue as { note?: string; discriminator?: string; options?: unknown[] };
        if (u.note === 'No matching discriminator') {
          const options = (u.options ?? []).map(String);
          const got = pathValue(input, rel);
          const missing = got === undefined;
          out.push(
            error(
              missing ? 'missing_required' : 'invalid_value',
              path,
              missing ? `${field} is required` : `${field} must be one of ${quoteList(options)}`,
              (typeof got === 'string' ? didYouMean(got, options) : undefined) ?? `one of ${quoteList(options)}`,
            ),
          );
        } else {
          const branches = (issue.errors ?? []) as z.core.$ZodIssue[][];
          // The branch that got furthest is the one the user meant; report its issues.
          const best = branches.slice().sort((a, b) => depth(b) - depth(a))[0];
          if (best && depth(best) > 0) out.push(...zodIssuesToDiagnostics(best.map((i) => ({ ...i, path: [...rel, ...i.path] })), schema, input, prefix));
          else out.push(error('invalid_type', path, `${field} has the wrong type`, issue.message));
        }
        break;
      }
      case 'invalid_value':
        out.push(error('invalid_value', path, `${field} must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${quoteList(issue.values)}`}`));
        break;
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const sized = issue.origin === 'array' || issue.origin === 'string';
        if (issue.origin === 'string' && issue.code === 'too_small' && Number(bound) === 1) {
          out.push(error('invalid_value', path, `${field} must not be empty`));
        } else if (issue.origin === 'array' && issue.code === 'too_small' && Number(bound) === 1) {
          out.push(error('invalid_value', path, `${field} must have at least one item`));
        } else {
          const rel2 = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
          out.push(error('out_of_range', path, `${field} must ${sized ? `have length ${rel2} ${bound}` : `be ${rel2} ${bound}`}`));
        }
        break;
      }
      case 'invalid_format':
        out.push(
          issue.format === 'regex'
            ? error('invalid_format', path, `${field} is invalid: ${issue.message}`)
            : error('invalid_format', path, `${field} is not a valid ${issue.format === 'url' ? 'http(s) URL' : issue.format}`),
        );
        break;
      case 'invalid_key':
        out.push(error('invalid_format', path, `${field} is not a valid name`, (issue.issues[0] as { message?: string } | undefined)?.message));
        break;
      case 'not_multiple_of':
        out.push(error('invalid_value', path, `${field} must be a multiple of ${issue.divisor}`));
        break;
      case 'invalid_element':
      case 'custom':
        out.push(error('invalid_value', path, issue.message));
        break;
    }
  }
  return out;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => (i.code === 'invalid_type' && i.path.length === 0 ? 0 : i.path.length + 1)));
}

function pathValue(input: unknown, path: readonly PathSegment[]): unknown {
  let v = input;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg as string] : undefined;
  return v;
}
