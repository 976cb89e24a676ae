/** The DB-less Kong side of a sync. Kong takes its whole configuration in one `POST /config`, so
 * the executor posts aigate's entities together with every live entity aigate does not own (no
 * aigate select tags), carried over as Kong exported them: a sync replaces only what it wrote. */
import type { Change, Failure, Resource } from '../change.ts';
import { isRecord } from '../equal.ts';
import { OUTCOME, steps, type Executor } from '../execute.ts';
import type { KongAdmin, PostResult } from './admin.ts';
import { carriesTags, kongEntities, type KongEntity } from './entities.ts';

type Obj = Record<string, unknown>;

export interface KongSyncOptions {
  readonly admin: KongAdmin;
  /** aigate's select tags for this gateway (`ownershipTags`). */
  readonly tags: readonly string[];
}

export interface ObservedKong {
  readonly current: readonly Resource[];
  readonly desired: readonly Resource[];
  readonly executor: Executor;
}

export async function observeKong(dbless: Obj, options: KongSyncOptions): Promise<ObservedKong> {
  const liveDoc = await options.admin.getConfig();
  const live = kongEntities(liveDoc);
  const wanted = kongEntities(dbless);
  const owned = ownedEntities(live, options.tags);
  nameCredentials(owned, wanted);
  const toResource = (e: KongEntity): Resource => ({ kind: e.kind, name: e.name, body: e.body });
  const body = mergeForPost(dbless, isRecord(liveDoc) ? liveDoc : {}, live, new Set(owned));

  const executor: Executor = {
    async execute(plan, { dryRun, report }) {
      const event = (s: Change | { kind: string; name: string }) =>
        report({ kind: s.kind, name: s.name, outcome: 'op' in s ? OUTCOME[s.op] : 'unchanged', dryRun });
      // DB-less Kong has no server-side dry run; a dry run sends nothing and reports the plan.
      if (dryRun || plan.changes.length === 0) {
        for (const s of steps(plan)) event(s);
        return [];
      }
      const result = await options.admin.postConfig(body).catch((e: unknown): Failure[] => [{ op: 'update', kind: 'config', name: 'POST /config', cause: e instanceof Error ? e.message : String(e) }]);
      if (Array.isArray(result)) return result;
      const posted = result as PostResult;
      if (posted.status === 'invalid') return failuresOf(posted, plan.changes);
      for (const s of steps(plan)) {
        // 304: Kong already runs exactly this configuration, whatever the comparison saw.
        if (posted.status === 'unchanged') report({ kind: s.kind, name: s.name, outcome: 'unchanged', dryRun });
        else event(s);
      }
      return [];
    },
  };
  return { current: owned.map(toResource), desired: wanted.map(toResource), executor };
}

/** Entities with every aigate tag; memberships have no tags and follow their consumer. */
function ownedEntities(live: readonly KongEntity[], tags: readonly string[]): KongEntity[] {
  const consumers = new Set(live.filter((e) => e.kind === 'consumer' && carriesTags(e, tags)).map((e) => e.name));
  return live.filter((e) => (e.kind === 'consumer_group_consumer' ? consumers.has(String(e.body.consumer)) : carriesTags(e, tags)));
}

/**
 * Key-auth credentials have no name; per consumer, a live key equal to a desired one takes its
 * name, the remaining live keys take the remaining desired names in order (a rotation shows as an
 * update) and any left over get new names (they are deleted).
 */
function nameCredentials(live: KongEntity[], desired: readonly KongEntity[]): void {
  const consumers = new Set([...live, ...desired].filter((e) => e.kind === 'keyauth_credential').map((e) => e.consumer ?? ''));
  for (const consumer of consumers) {
    const want = desired.filter((e) => e.kind === 'keyauth_credential' && e.consumer === consumer);
    const have = live.filter((e) => e.kind === 'keyauth_credential' && e.consumer === consumer);
    const free = new Set(want.map((w) => w.name));
    const pending: KongEntity[] = [];
    for (const h of have) {
      const same = want.find((w) => free.has(w.name) && w.body.key === h.body.key);
      if (same) {
        h.name = same.name;
        free.delete(same.name);
      } else pending.push(h);
    }
    let extra = want.length;
    for (const h of pending) {
      const next = [...free][0];
      if (next !== undefined) {
        h.name = next;
        free.delete(next);
      } else h.name = `${consumer}/key-auth-${extra++}`;
    }
  }
}

/**
 * The document to post: aigate's (nested) entities plus every live top-level entry aigate does not
 * own. A kept entry's foreign key to an entity of aigate's is rewritten from the id to the name,
 * since the posted entity gets a new id.
 */
function mergeForPost(dbless: Obj, liveDoc: Obj, live: readonly KongEntity[], owned: ReadonlySet<KongEntity>): Obj {
  const drop = new Set(live.filter((e) => owned.has(e) && e.origin).map((e) => `${e.origin!.list}:${e.origin!.index}`));
  const names = new Map(live.filter((e) => owned.has(e) && e.id !== undefined).map((e) => [e.id!, e.name] as const));
  const out: Obj = { ...dbless };
  for (const [key, value] of Object.entries(liveDoc)) {
    if (key.startsWith('_') || !Array.isArray(value)) continue;
    const kept = value
      .map((entry, index) => ({ entry, index }))
      .filter(({ index }) => !drop.has(`${key}:${index}`))
      .map(({ entry }) => (isRecord(entry) ? renameForeignKeys(entry, names) : entry));
    if (kept.length > 0) out[key] = [...(Array.isArray(out[key]) ? (out[key] as unknown[]) : []), ...kept];
  }
  return out;
}

function renameForeignKeys(entry: Obj, names: ReadonlyMap<string, string>): Obj {
  const out: Obj = { ...entry };
  for (const k of ['service', 'route', 'consumer', 'consumer_group']) {
    const v = out[k];
    const id = isRecord(v) ? v.id : v;
    if (typeof id === 'string' && names.has(id)) out[k] = names.get(id);
  }
  return out;
}

/** Kong's flattened errors as one failure per entity, with the field paths Kong gave. */
function failuresOf(result: Extract<PostResult, { status: 'invalid' }>, changes: readonly Change[]): Failure[] {
  const opFor = (kind: string, name: string) => changes.find((c) => c.kind === kind && (c.name === name || c.name.endsWith(`/${name}`)));
  const failures: Failure[] = result.entities.map((e) => {
    const change = e.entityName === undefined ? undefined : opFor(e.entityType, e.entityName);
    const cause = e.errors.map((x) => (x.field ? `${x.field}: ${x.message}` : x.message)).join('; ') || result.message;
    return { op: change?.op ?? 'update', kind: e.entityType, name: change?.name ?? e.entityName ?? '(unnamed)', cause };
  });
  if (failures.length === 0) {
    failures.push({ op: 'update', kind: 'config', name: 'POST /config', cause: [result.message, ...result.fields].join('; ') });
  }
  return failures;
}
