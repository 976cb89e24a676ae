/**
 * A Kong declarative document, nested (what aigate posts) or flat with ids (what `GET /config`
 * exports), as one list of entities with stable names and foreign keys written as names, so both
 * sides of a diff line up:
 *
 *   service                 name                       route        name
 *   consumer                username (or custom_id)    consumer_group  name
 *   vault                   prefix                     plugin       route:chat/ai-proxy, global/prometheus
 *   keyauth_credential      alice/key-auth-0           consumer_group_consumer  partners/alice
 *   consumer_group_plugin   partners/ai-rate-limiting-advanced
 *
 * Key-auth credentials have no name in Kong; the adapter numbers them per consumer after matching
 * live keys to desired ones (see `nameCredentials`), so a rotated key is an update, not a
 * delete and a create.
 */
import { isRecord } from '../equal.ts';

type Obj = Record<string, unknown>;

export interface KongEntity {
  readonly kind: string;
  name: string;
  readonly id?: string;
  readonly tags: readonly string[];
  /** The entity's own fields, children removed, foreign keys as names, no id or timestamps. */
  readonly body: Obj;
  /** For credentials and memberships: the consumer they belong to. */
  readonly consumer?: string;
  /** Where a top-level entry sits in the document (`services`, 3), so it can be kept or left out whole. */
  readonly origin?: { readonly list: string; readonly index: number };
}

const SERVER_FIELDS = ['id', 'created_at', 'updated_at'];
// Foreign key field → the kind it points at.
const FOREIGN: Readonly<Record<string, string>> = { service: 'service', route: 'route', consumer: 'consumer', consumer_group: 'consumer_group' };

interface Raw {
  kind: string;
  value: Obj;
  /** Foreign keys implied by nesting. */
  parents: Obj;
  origin?: { list: string; index: number };
}

export function kongEntities(doc: unknown): KongEntity[] {
  const raws: Raw[] = [];
  const d = isRecord(doc) ? doc : {};
  const push = (kind: string, value: Obj, parents: Obj = {}, origin?: Raw['origin']) => raws.push({ kind, value, parents, ...(origin && { origin }) });
  const top = (key: string) => list(d[key]).map((value, index) => ({ value, origin: { list: key, index } }));
  const plugins = (owner: Obj, parents: Obj) => list(owner.plugins).forEach((p) => push('plugin', p, parents));

  for (const { value: s, origin } of top('services')) {
    push('service', s, {}, origin);
    const ref = s.name ?? s.id;
    plugins(s, { service: ref });
    for (const r of list(s.routes)) {
      push('route', r, { service: ref });
      plugins(r, { route: r.name ?? r.id });
    }
  }
  for (const { value: r, origin } of top('routes')) {
    push('route', r, {}, origin);
    plugins(r, { route: r.name ?? r.id });
  }
  for (const { value: c, origin } of top('consumers')) {
    push('consumer', c, {}, origin);
    const ref = c.username ?? c.custom_id ?? c.id;
    plugins(c, { consumer: ref });
    for (const k of list(c.keyauth_credentials)) push('keyauth_credential', k, { consumer: ref });
  }
  for (const { value: g, origin } of top('consumer_groups')) {
    push('consumer_group', g, {}, origin);
    for (const p of list(g.plugins)) push('consumer_group_plugin', p, { consumer_group: g.name ?? g.id });
    for (const c of list(g.consumers)) push('consumer_group_consumer', { consumer: c.username ?? c.id ?? c }, { consumer_group: g.name ?? g.id });
  }
  const flat: readonly (readonly [string, string])[] = [
    ['plugins', 'plugin'],
    ['keyauth_credentials', 'keyauth_credential'],
    ['consumer_group_consumers', 'consumer_group_consumer'],
    ['consumer_group_plugins', 'consumer_group_plugin'],
    ['vaults', 'vault'],
  ];
  for (const [key, kind] of flat) for (const { value, origin } of top(key)) push(kind, value, {}, origin);

  // Ids (in an export) → names, so a foreign key reads the same on both sides.
  const names = new Map<string, string>();
  for (const r of raws) {
    const name = ownName(r.kind, r.value);
    if (typeof r.value.id === 'string' && name !== undefined) names.set(`${r.kind}:${r.value.id}`, name);
  }
  const resolve = (kind: string, ref: unknown): unknown => {
    const id = isRecord(ref) ? (ref.id ?? ref.name) : ref;
    return typeof id === 'string' ? (names.get(`${kind}:${id}`) ?? id) : ref;
  };

  const counters = new Map<string, number>();
  return raws.map((r) => {
    const body: Obj = {};
    for (const [k, v] of Object.entries(r.value)) {
      if (SERVER_FIELDS.includes(k) || CHILDREN[r.kind]?.includes(k)) continue;
      body[k] = FOREIGN[k] !== undefined && v !== null ? resolve(FOREIGN[k], v) : v;
    }
    for (const [k, v] of Object.entries(r.parents)) body[k] = resolve(FOREIGN[k] ?? k, v);
    const consumer = typeof body.consumer === 'string' ? body.consumer : undefined;
    let name = ownName(r.kind, r.value) ?? derivedName(r.kind, body);
    if (r.kind === 'keyauth_credential') {
      const n = counters.get(name) ?? 0;
      counters.set(name, n + 1);
      name = `${name}/key-auth-${n}`;
    }
    return {
      kind: r.kind,
      name,
      ...(typeof r.value.id === 'string' && { id: r.value.id }),
      tags: stringList(r.value.tags),
      body,
      ...(consumer !== undefined && { consumer }),
      ...(r.origin && { origin: r.origin }),
    };
  });
}

const CHILDREN: Readonly<Record<string, readonly string[]>> = {
  service: ['routes', 'plugins'],
  route: ['plugins'],
  consumer: ['plugins', 'keyauth_credentials', 'groups'],
  consumer_group: ['plugins', 'consumers'],
};

function ownName(kind: string, v: Obj): string | undefined {
  const pick = (...ks: string[]) => ks.map((k) => v[k]).find((x): x is string => typeof x === 'string');
  switch (kind) {
    case 'service':
    case 'route':
    case 'consumer_group':
      return pick('name', 'id');
    case 'consumer':
      return pick('username', 'custom_id', 'id');
    case 'vault':
      return pick('prefix', 'id');
    default:
      return undefined;
  }
}

function derivedName(kind: string, body: Obj): string {
  const str = (v: unknown) => (typeof v === 'string' ? v : '?');
  switch (kind) {
    case 'plugin': {
      const scope = ['route', 'service', 'consumer', 'consumer_group'].filter((k) => typeof body[k] === 'string').map((k) => `${k}:${str(body[k])}`);
      const instance = typeof body.instance_name === 'string' ? `#${body.instance_name}` : '';
      return `${scope.length > 0 ? scope.join('+') : 'global'}/${str(body.name)}${instance}`;
    }
    case 'keyauth_credential':
      return str(body.consumer);
    case 'consumer_group_consumer':
      return `${str(body.consumer_group)}/${str(body.consumer)}`;
    case 'consumer_group_plugin':
      return `${str(body.consumer_group)}/${str(body.name)}`;
    default:
      return str(body.name ?? body.id);
  }
}

/** Whether an entity carries every one of aigate's select tags (decK's rule: tags are ANDed). */
export function carriesTags(e: KongEntity, tags: readonly string[]): boolean {
  return tags.every((t) => e.tags.includes(t));
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
