/** The typed vocabulary of a sync: a resource as one side holds it, a change to one, a plan of
 * changes, and a failure. Target-independent: a "kind" is whatever the adapter calls it. */

/** One object on one side (live or desired), already in the shape the adapter compares. */
export interface Resource {
  readonly kind: string;
  readonly name: string;
  /** Kubernetes only; cluster-scoped objects and Kong entities have none. */
  readonly namespace?: string;
  readonly body: unknown;
}

export type Op = 'create' | 'update' | 'delete';

export interface Change {
  readonly op: Op;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The live object, normalised (absent for a create). */
  readonly before?: unknown;
  /** The desired object, normalised (absent for a delete). */
  readonly after?: unknown;
}

/** A reference to an object without its content. */
export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface Plan {
  /** Creates and updates top-down by level, then deletes bottom-up (see LEVELS). */
  readonly changes: readonly Change[];
  /** Desired objects that already match, in level order. */
  readonly unchanged: readonly ObjectRef[];
}

export interface Failure {
  readonly op: Op;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Said for a person; never holds a secret value. */
  readonly cause: string;
}

/** The identity of an object within one sync: kind, namespace and name. */
export function keyOf(r: ObjectRef): string {
  return `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;
}

/** `kind/name` as kubectl prints it; the namespace is left out, as every line shares it. */
export function displayName(r: ObjectRef): string {
  return `${r.kind}/${r.name}`;
}

export function refOf(r: ObjectRef): ObjectRef {
  return r.namespace === undefined ? { kind: r.kind, name: r.name } : { kind: r.kind, name: r.name, namespace: r.namespace };
}
