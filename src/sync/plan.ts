/** `plan(current, desired)`: the typed changes that turn the live state into the desired one,
 * ordered by LEVELS. `diff` renders a plan; `sync` executes the same plan. */
import { keyOf, refOf, type Change, type ObjectRef, type Plan, type Resource } from './change.ts';
import { deepEqual } from './equal.ts';
import { levelOf } from './levels.ts';

/**
 * Brings one side into the shape that is compared: strips what the server owns (ids, timestamps,
 * resource versions, defaults). `against` is the desired value when the live one is normalised,
 * so a normaliser may keep only the fields the config controls.
 */
export type Normaliser = (kind: string, value: unknown, against?: unknown) => unknown;

export interface PlanOptions {
  readonly normalise?: Normaliser;
  /** Delete live objects the desired state no longer has. @default true */
  readonly prune?: boolean;
}

const identity: Normaliser = (_kind, value) => value;

/** `current` holds only what aigate owns (the adapter selects it); everything else is invisible here. */
export function plan(current: readonly Resource[], desired: readonly Resource[], options: PlanOptions = {}): Plan {
  const normalise = options.normalise ?? identity;
  const live = new Map<string, Resource>();
  for (const r of current) live.set(keyOf(r), r);

  const applies: Change[] = [];
  const unchanged: ObjectRef[] = [];
  const wanted = new Set<string>();
  for (const r of byLevel(desired)) {
    const key = keyOf(r);
    if (wanted.has(key)) throw new Error(`the desired state has ${r.kind}/${r.name} twice`);
    wanted.add(key);
    const after = normalise(r.kind, r.body);
    const found = live.get(key);
    if (found === undefined) {
      applies.push({ ...refOf(r), op: 'create', after });
      continue;
    }
    const before = normalise(r.kind, found.body, after);
    if (deepEqual(before, after)) unchanged.push(refOf(r));
    else applies.push({ ...refOf(r), op: 'update', before, after });
  }

  const deletes: Change[] = [];
  if (options.prune ?? true) {
    for (const r of current) {
      if (!wanted.has(keyOf(r))) deletes.push({ ...refOf(r), op: 'delete', before: normalise(r.kind, r.body) });
    }
  }
  // Bottom-up; within a level by namespace and name, so the order never depends on what the server listed first.
  deletes.sort((a, b) => levelOf(b.kind) - levelOf(a.kind) || a.kind.localeCompare(b.kind) || keyOf(a).localeCompare(keyOf(b)));
  return { changes: [...applies, ...deletes], unchanged };
}

/** Stable: within a level, objects keep the order the target emitted them in. */
function byLevel(resources: readonly Resource[]): Resource[] {
  return resources
    .map((r, i) => ({ r, i }))
    .sort((a, b) => levelOf(a.r.kind) - levelOf(b.r.kind) || a.i - b.i)
    .map((x) => x.r);
}

export function hasChanges(p: Plan): boolean {
  return p.changes.length > 0;
}

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly unchanged: number;
}

export function summarise(p: Plan): PlanSummary {
  const count = (op: Change['op']) => p.changes.filter((c) => c.op === op).length;
  return { create: count('create'), update: count('update'), delete: count('delete'), unchanged: p.unchanged.length };
}
