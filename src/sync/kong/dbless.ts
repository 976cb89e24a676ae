/**
 * From the decK file aigate emits to the document Kong's DB-less `POST /config` takes (kong FACTS
 * §3): decK's load-time `${{ env "DECK_…" }}` substitutions are resolved from the environment
 * (DB-less Kong substitutes nothing, so it needs the values; each is registered with the redactor),
 * `_info` goes (decK only), and the layouts that differ are rewritten:
 *
 *   decK                                   DB-less
 *   consumers[].groups[{name}]         →   consumer_group_consumers[{consumer, consumer_group}]
 *   consumer_groups[].plugins[]        →   consumer_group_plugins[{…, consumer_group}]
 *   plugins[].partials                 →   plugins_partials (refused: aigate writes none, and it
 *                                          needs plugin ids the file does not have)
 */
import { error, resultOf, toDotPath, type Diagnostic, type PathSegment, type Result } from '../../diagnostics/index.ts';
import { isRecord } from '../equal.ts';
import type { Redactor } from '../redact.ts';
import type { Environment } from '../secrets.ts';

type Obj = Record<string, unknown>;

// decK reads only DECK_-prefixed variables (kong FACTS §3).
const DECK_ENV = /\$\{\{\s*env\s+"(DECK_[A-Za-z0-9_]+)"\s*\}\}/g;
const DECK_ONLY = ['_info', '_workspace', '_konnect'];

export function toDbless(deck: unknown, env: Environment, redactor: Redactor): Result<Obj> {
  const diagnostics: Diagnostic[] = [];
  if (!isRecord(deck)) return { ok: false, diagnostics: [error('invalid_type', [], 'the decK file is not a YAML mapping')] };
  const substituted = substitute(deck, [], env, redactor, diagnostics) as Obj;
  const out: Obj = {};
  for (const [k, v] of Object.entries(substituted)) if (!DECK_ONLY.includes(k)) out[k] = v;

  const memberships: Obj[] = [];
  out.consumers = list(out.consumers).map((c) => {
    const { groups, ...rest } = c;
    const consumer = rest.username ?? rest.custom_id;
    for (const g of list(groups)) memberships.push({ consumer, consumer_group: g.name ?? g.id });
    return rest;
  });
  const groupPlugins: Obj[] = [];
  out.consumer_groups = list(out.consumer_groups).map((g) => {
    const { plugins, ...rest } = g;
    for (const p of list(plugins)) groupPlugins.push({ ...p, consumer_group: rest.name });
    return rest;
  });
  if (memberships.length > 0) out.consumer_group_consumers = [...list(out.consumer_group_consumers), ...memberships];
  if (groupPlugins.length > 0) out.consumer_group_plugins = [...list(out.consumer_group_plugins), ...groupPlugins];
  for (const k of ['consumers', 'consumer_groups']) if (list(out[k]).length === 0) delete out[k];
  if (JSON.stringify(out).includes('"partials"')) {
    diagnostics.push(error('unsupported_by_target', [], 'plugin partials cannot be synced to DB-less Kong by aigate yet', 'use deck gateway sync for this file'));
  }
  return resultOf(out, diagnostics);
}

function substitute(v: unknown, path: PathSegment[], env: Environment, redactor: Redactor, diagnostics: Diagnostic[]): unknown {
  if (typeof v === 'string') {
    return v.replace(DECK_ENV, (whole, name: string) => {
      const value = env[name];
      if (value === undefined) {
        diagnostics.push(
          error('secret_unavailable', [], `the environment variable ${name} is not set (deck.yaml, ${toDotPath(path)})`, `decK substitutes ${whole} when it loads deck.yaml; a DB-less Kong needs the value too, so export ${name} before aigate diff/sync`),
        );
        return whole;
      }
      redactor.add(value);
      return value;
    });
  }
  if (Array.isArray(v)) return v.map((x, i) => substitute(x, [...path, i], env, redactor, diagnostics));
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, [...path, k], env, redactor, diagnostics)]));
  return v;
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}
