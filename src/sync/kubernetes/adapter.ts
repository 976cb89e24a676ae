/** The Kubernetes side of a sync. `observeKubernetes` reads what aigate owns in the cluster and asks
 * the server, by a dry-run server-side apply, what each desired object would become (kubectl diff
 * --server-side does the same); the plan compares those. Its executor applies with field manager
 * `aigate` in plan order and prunes only objects carrying both of aigate's labels. */
import { ownershipLabels } from '../../emit/index.ts';
import { keyOf, type Change, type Failure, type Resource } from '../change.ts';
import { executeInOrder, type Executor } from '../execute.ts';
import { KubeApiError, type KubeClient, type KubeObject, type TypeRef } from './client.ts';

export const FIELD_MANAGER = 'aigate';

export interface KubernetesSyncOptions {
  readonly client: KubeClient;
  /** For namespaced objects that name none: `--namespace`, else the context's, else `default`. */
  readonly namespace: string;
  readonly gateway: string;
  /** Every kind the target can write, listed for pruning even when the config has none of it now. */
  readonly kinds: readonly TypeRef[];
  readonly forceConflicts: boolean;
  readonly fieldManager?: string;
}

export interface ObservedKubernetes {
  readonly current: readonly Resource[];
  readonly desired: readonly Resource[];
  /** Objects the server would not accept (a conflict, a refused field): nothing should be applied. */
  readonly failures: readonly Failure[];
  readonly executor: Executor;
}

const CONCURRENCY = 8;

export async function observeKubernetes(manifests: readonly KubeObject[], options: KubernetesSyncOptions): Promise<ObservedKubernetes> {
  const { client } = options;
  const manager = options.fieldManager ?? FIELD_MANAGER;
  const failures: Failure[] = [];
  const placedOrNot = await mapLimit(manifests, (m) =>
    place(client, m, options.namespace).catch((e: unknown) => {
      failures.push({ op: 'update', ...ref(m), cause: describe(e) });
      return undefined;
    }),
  );
  const placed = placedOrNot.filter((m): m is KubeObject => m !== undefined);
  const byKey = new Map(placed.map((m) => [keyOf(ref(m)), m] as const));

  const desired: Resource[] = [];
  const liveOfDesired: Resource[] = [];
  await mapLimit(placed, async (m) => {
    const r = ref(m);
    try {
      const [live, merged] = await Promise.all([client.read(key(m)), client.apply(m, { fieldManager: manager, force: options.forceConflicts, dryRun: true })]);
      desired.push({ ...r, body: merged });
      if (live) liveOfDesired.push({ ...r, body: live });
    } catch (e) {
      failures.push({ op: 'update', ...r, cause: describe(e) });
    }
  });

  // Only objects with both labels are aigate's to prune; anything else in the namespace is invisible.
  const selector = Object.entries(ownershipLabels(options.gateway))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const namespaces = [...new Set([options.namespace, ...placed.map((m) => m.metadata.namespace).filter((n): n is string => n !== undefined)])].sort();
  const owned: Resource[] = [];
  for (const type of options.kinds) {
    const scoped = await client.namespaced(type);
    if (scoped === undefined) continue; // the CRD is not installed, so there is nothing of this kind to prune
    for (const ns of scoped ? namespaces : [undefined]) {
      for (const o of await client.list(type, ns, selector)) owned.push({ ...ref(o), body: o });
    }
  }
  // An object the server refused is in neither state, so the plan does not mistake it for one to prune.
  const refused = new Set(failures.map(keyOf));
  const current = dedupe([...liveOfDesired, ...owned]).filter((r) => !refused.has(keyOf(r)));
  const position = new Map(placed.map((m, i) => [keyOf(ref(m)), i] as const));
  const ownedByKey = new Map(owned.map((o) => [keyOf(o), o] as const));
  const order = (rs: Resource[]) => rs.sort((a, b) => (position.get(keyOf(a)) ?? 0) - (position.get(keyOf(b)) ?? 0));

  const executor: Executor = {
    execute: (plan, run) =>
      executeInOrder(
        plan,
        async (change: Change, dryRun: boolean) => {
          if (change.op === 'delete') {
            const body = ownedByKey.get(keyOf(change))?.body as KubeObject | undefined;
            if (!body) throw new Error('not found among the objects aigate owns');
            await client.delete(key(body), dryRun).catch((e: unknown) => {
              if (!(e instanceof KubeApiError && e.code === 404)) throw new Error(describe(e));
            });
            return;
          }
          const manifest = byKey.get(keyOf(change));
          if (!manifest) throw new Error('not in the desired state');
          await client.apply(manifest, { fieldManager: manager, force: options.forceConflicts, dryRun }).catch((e: unknown) => {
            throw new Error(describe(e));
          });
        },
        run,
      ),
  };
  return { current, desired: order(desired), failures: failures.sort((a, b) => keyOf(a).localeCompare(keyOf(b))), executor };
}

/** The namespace an object is applied in: its own, else the sync's; none for a cluster-scoped kind. */
async function place(client: KubeClient, m: KubeObject, namespace: string): Promise<KubeObject> {
  const scoped = await client.namespaced(m);
  if (scoped === undefined) throw new KubeApiError(404, 'NotFound', `the cluster does not serve ${m.apiVersion} ${m.kind}: install its CRD first`);
  const { namespace: own, ...meta } = m.metadata;
  return { ...m, metadata: scoped ? { ...meta, namespace: own ?? namespace } : meta };
}

function ref(o: KubeObject): { kind: string; name: string; namespace?: string } {
  return { kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace !== undefined && { namespace: o.metadata.namespace }) };
}

function key(o: KubeObject) {
  return { apiVersion: o.apiVersion, ...ref(o) };
}

function dedupe(rs: readonly Resource[]): Resource[] {
  const seen = new Map<string, Resource>();
  for (const r of rs) if (!seen.has(keyOf(r))) seen.set(keyOf(r), r);
  return [...seen.values()];
}

/** Said for a person; a conflict names the other field manager and the fields, and is never forced silently. */
export function describe(e: unknown): string {
  if (e instanceof KubeApiError && e.code === 409 && e.conflicts.length > 0) {
    const byManager = new Map<string, string[]>();
    for (const c of e.conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
    const who = [...byManager].map(([m, fields]) => `field manager "${m}" owns ${fields.join(', ')}`).join('; ');
    return `conflict: ${who} with a different value. Not forced: re-run with --force-conflicts to take these fields over`;
  }
  return e instanceof Error ? e.message : String(e);
}

async function mapLimit<T, R>(items: readonly T[], f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}
