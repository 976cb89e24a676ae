/** The fake API server's simplified managedFields model (see kube-apiserver.ts): which fields an
 * apply sets, reading and writing them, and the FieldsV1 form of what a manager owns. */

// Parsed objects are plain JSON; the fake reaches into them freely.
export type Obj = Record<string, any>;

/** Sub-keyed top-level fields: each key is a field of its own. */
const KEYED = new Set(['spec', 'data']);
const META_KEYED = ['labels', 'annotations'];

/** field key → value, for every field an apply body sets. */
export function fieldsOf(body: Obj): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of META_KEYED) for (const [k, v] of Object.entries(body.metadata?.[m] ?? {})) out.set(`metadata.${m}\u0000${k}`, v);
  for (const [k, v] of Object.entries(body)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata' || k === 'status') continue;
    if (KEYED.has(k) && isObj(v)) for (const [sub, sv] of Object.entries(v)) out.set(`${k}\u0000${sub}`, sv);
    else out.set(k, v);
  }
  return out;
}

export function split(field: string): string[] {
  const [head, sub] = field.split('\u0000');
  return sub === undefined ? head!.split('.') : [...head!.split('.'), sub];
}

export function valueAt(obj: Obj, field: string): unknown {
  let cur: any = obj;
  for (const p of split(field)) cur = isObj(cur) ? cur[p] : undefined;
  return cur;
}

export function setAt(obj: Obj, field: string, value: unknown): void {
  const path = split(field);
  let cur = obj;
  for (const p of path.slice(0, -1)) cur = isObj(cur[p]) ? cur[p] : (cur[p] = {});
  cur[path.at(-1)!] = value;
}

export function removeAt(obj: Obj, field: string): void {
  const path = split(field);
  const parents: Obj[] = [];
  let cur: any = obj;
  for (const p of path.slice(0, -1)) {
    if (!isObj(cur[p])) return;
    parents.push(cur);
    cur = cur[p];
  }
  delete cur[path.at(-1)!];
  // An emptied map disappears with its last key, as it does in the real server.
  for (let i = parents.length - 1; i >= 0; i--) {
    const key = path[i]!;
    if (isObj(parents[i]![key]) && Object.keys(parents[i]![key]).length === 0 && key !== 'metadata') delete parents[i]![key];
  }
}

/** `{"f:spec": {"f:rules": {}}}`: the fields one manager owns. */
export function fieldsV1Of(owners: ReadonlyMap<string, ReadonlySet<string>>, manager: string): Obj {
  const out: Obj = {};
  for (const [field, set] of owners) {
    if (!set.has(manager)) continue;
    let cur = out;
    for (const p of split(field)) cur = cur[`f:${p}`] ??= {};
  }
  return out;
}

export function sameOwners(a: ReadonlyMap<string, ReadonlySet<string>>, b: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, s] of a) {
    const t = b.get(k);
    if (!t || t.size !== s.size || [...s].some((m) => !t.has(m))) return false;
  }
  return true;
}

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
