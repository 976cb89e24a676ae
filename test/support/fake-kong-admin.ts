/**
 * A fake DB-less Kong Admin API (node:http) with the `/config` behaviour of kong FACTS §4:
 *
 * - `GET /config` → 200 `{config: "<yaml>"}`: the running configuration as Kong exports it, flat
 *   (routes, plugins, credentials and memberships at the top level, foreign keys as ids), every
 *   entity with an `id`, `created_at`/`updated_at`, server defaults filled in and `null` for unset
 *   fields, `_transform: false`;
 * - `POST /config` with a JSON or YAML body (or a `config` form field): an empty body → 400
 *   "expected a declarative configuration"; `check_hash=1` and an unchanged hash → 304; invalid →
 *   400 `{code: 14, name: "invalid declarative configuration", message, fields}` plus, with
 *   `flatten_errors=1`, `flattened_errors: [{entity_type, entity_name, entity_id, entity_tags,
 *   entity, errors: [{type: "field", field, message} | {type: "entity", message}]}]`; valid →
 *   201 and the new configuration replaces the old one whole;
 * - with `database: 'postgres'`, both answer 400 "this endpoint is only available when Kong is
 *   configured to not use a database".
 *
 * It checks what tells the formats apart (decK-only keys such as `_info` and `consumers[].groups`,
 * `_format_version`, route paths) plus whatever a test adds with `validate`; it is not Kong's schema.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';

type Obj = Record<string, any>;

export interface FieldError {
  readonly field?: string;
  readonly message: string;
}

export interface FakeKongOptions {
  readonly database?: 'off' | 'postgres';
  /** Extra checks per entity, as a test wants Kong to refuse something aigate accepts. */
  readonly validate?: (type: string, entity: Obj) => FieldError[];
}

export interface FakeKongAdmin {
  readonly url: string;
  /** Every POST /config: its query and parsed body. */
  readonly posts: { query: Record<string, string>; body: Obj }[];
  /** The running configuration, as GET /config returns it (parsed). */
  current(): Obj;
  /** Loads a configuration directly, as if posted (e.g. entities someone else made). */
  load(doc: Obj): void;
  close(): Promise<void>;
}

const TOP_LEVEL = new Set([
  '_format_version',
  '_transform',
  '_comment',
  '_ignore',
  'services',
  'routes',
  'plugins',
  'consumers',
  'keyauth_credentials',
  'consumer_groups',
  'consumer_group_consumers',
  'consumer_group_plugins',
  'vaults',
  'upstreams',
  'targets',
  'certificates',
  'ca_certificates',
]);

export async function startFakeKongAdmin(options: FakeKongOptions = {}): Promise<FakeKongAdmin> {
  let running: Obj = { _format_version: '3.0', _transform: false };
  let hash = '';
  const posts: { query: Record<string, string>; body: Obj }[] = [];
  const ids = new Map<string, string>();
  let clock = 1_700_000_000;

  function handle(req: IncomingMessage, text: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/config') return send(res, 404, { message: 'Not found' });
    if (options.database === 'postgres') return send(res, 400, { message: 'this endpoint is only available when Kong is configured to not use a database' });
    if (req.method === 'GET') return send(res, 200, { config: stringify(running) });
    if (req.method !== 'POST') return send(res, 405, { message: 'Method not allowed' });

    const query = Object.fromEntries(url.searchParams);
    let body: unknown;
    try {
      const raw = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? (new URLSearchParams(text).get('config') ?? '') : text;
      body = raw.trim() === '' ? undefined : parse(raw);
    } catch (e) {
      return send(res, 400, { message: `failed parsing declarative configuration: ${(e as Error).message}` });
    }
    if (typeof body !== 'object' || body === null) return send(res, 400, { message: 'expected a declarative configuration' });
    const doc = body as Obj;
    posts.push({ query, body: doc });

    const fields: Obj = {};
    for (const k of Object.keys(doc)) if (!TOP_LEVEL.has(k)) fields[k] = 'unknown field';
    if (!['1.1', '2.1', '3.0'].includes(doc._format_version)) fields._format_version = 'expected one of: 1.1, 2.1, 3.0';
    const flattened = entityErrors(doc);
    if (Object.keys(fields).length > 0 || flattened.length > 0) {
      const message = `declarative config is invalid: ${JSON.stringify(fields)}`;
      return send(res, 400, { code: 14, name: 'invalid declarative configuration', message, fields, ...(query.flatten_errors === '1' && { flattened_errors: flattened }) });
    }
    const nextHash = createHash('sha256').update(canonical(doc)).digest('hex');
    if (query.check_hash === '1' && nextHash === hash) return void res.writeHead(304).end();
    running = exportOf(doc);
    hash = nextHash;
    send(res, 201, running);
  }

  function entityErrors(doc: Obj): Obj[] {
    const out: Obj[] = [];
    const check = (type: string, entity: Obj) => {
      const errors: FieldError[] = [];
      if (type === 'consumer' && entity.groups !== undefined) errors.push({ field: 'groups', message: 'unknown field' });
      if (type === 'route') {
        (entity.paths ?? []).forEach((p: string, i: number) => {
          if (!p.startsWith('/') && !p.startsWith('~/')) errors.push({ field: `paths.${i + 1}`, message: 'should start with: / (fixed path) or ~/ (regex path)' });
        });
      }
      errors.push(...(options.validate?.(type, entity) ?? []));
      if (errors.length > 0) {
        out.push({
          entity_type: type,
          entity_name: entity.name ?? entity.username,
          entity_id: entity.id,
          entity_tags: entity.tags,
          entity,
          errors: errors.map((e) => (e.field ? { type: 'field', field: e.field, message: e.message } : { type: 'entity', message: e.message })),
        });
      }
    };
    walk(doc, check);
    return out;
  }

  /** The flat export: every entity at the top level, ids for foreign keys, defaults filled in. */
  function exportOf(doc: Obj): Obj {
    const out: Obj = { _format_version: '3.0', _transform: false };
    const add = (list: string, e: Obj) => (out[list] ??= []).push(e);
    const idOf = (kind: string, e: Obj, name: unknown) => {
      if (typeof e.id === 'string') return e.id;
      const key = `${kind}:${String(name)}`;
      if (!ids.has(key)) ids.set(key, randomUUID());
      return ids.get(key)!;
    };
    const stamp = () => ({ created_at: clock, updated_at: clock++ });
    const byName: Record<string, Map<string, string>> = { service: new Map(), route: new Map(), consumer: new Map(), consumer_group: new Map() };
    const fk = (kind: string, v: unknown) => {
      if (v === undefined || v === null) return null;
      const ref = typeof v === 'object' ? ((v as Obj).id ?? (v as Obj).name) : v;
      return byName[kind]!.get(String(ref)) ?? ref;
    };
    // Names first, so a foreign key by name resolves whatever order entities come in.
    walk(doc, (type, e) => {
      const name = type === 'consumer' ? (e.username ?? e.custom_id) : e.name;
      if (byName[type] && name !== undefined) byName[type].set(String(name), idOf(type, e, name));
      if (byName[type] && typeof e.id === 'string') byName[type].set(e.id, e.id);
    });
    walk(doc, (type, e, parent) => {
      const { routes: _r, plugins: _p, keyauth_credentials: _k, groups: _g, consumers: _c, ...own } = e;
      const withParent = { ...own, ...parent };
      switch (type) {
        case 'service': {
          const u = typeof own.url === 'string' ? new URL(own.url) : undefined;
          const { url: _u, ...rest } = own;
          add('services', {
            id: idOf('service', e, own.name),
            ...stamp(),
            protocol: u ? u.protocol.replace(':', '') : (own.protocol ?? 'http'),
            host: u ? u.hostname : own.host,
            port: u ? Number(u.port || (u.protocol === 'https:' ? 443 : 80)) : (own.port ?? 80),
            path: u ? (u.pathname === '/' ? null : u.pathname) : (own.path ?? null),
            retries: 5,
            connect_timeout: 60000,
            read_timeout: 60000,
            write_timeout: 60000,
            enabled: true,
            tls_verify: null,
            client_certificate: null,
            ...rest,
            tags: own.tags ?? null,
          });
          break;
        }
        case 'route':
          add('routes', {
            id: idOf('route', e, own.name),
            ...stamp(),
            protocols: ['http', 'https'],
            methods: null,
            hosts: null,
            https_redirect_status_code: 426,
            regex_priority: 0,
            strip_path: true,
            preserve_host: false,
            request_buffering: true,
            response_buffering: true,
            path_handling: 'v0',
            ...withParent,
            service: fk('service', withParent.service),
            tags: own.tags ?? null,
          });
          break;
        case 'plugin':
          add('plugins', {
            id: idOf('plugin', e, `${JSON.stringify(parent)}/${own.name}/${own.instance_name ?? ''}`),
            ...stamp(),
            enabled: true,
            protocols: ['grpc', 'grpcs', 'http', 'https'],
            ...withParent,
            config: withDefaults(own.name, own.config ?? {}),
            service: fk('service', withParent.service),
            route: fk('route', withParent.route),
            consumer: fk('consumer', withParent.consumer),
            consumer_group: fk('consumer_group', withParent.consumer_group),
            tags: own.tags ?? null,
          });
          break;
        case 'consumer':
          add('consumers', { id: idOf('consumer', e, own.username ?? own.custom_id), ...stamp(), custom_id: null, username: null, ...own, tags: own.tags ?? null });
          break;
        case 'keyauth_credential':
          add('keyauth_credentials', { id: idOf('keyauth_credential', e, own.key), ...stamp(), ttl: null, ...withParent, consumer: fk('consumer', withParent.consumer), tags: own.tags ?? null });
          break;
        case 'consumer_group':
          add('consumer_groups', { id: idOf('consumer_group', e, own.name), ...stamp(), ...own, tags: own.tags ?? null });
          break;
        case 'consumer_group_consumer':
          add('consumer_group_consumers', { consumer: fk('consumer', withParent.consumer), consumer_group: fk('consumer_group', withParent.consumer_group) });
          break;
        case 'vault':
          add('vaults', { id: idOf('vault', e, own.prefix), ...stamp(), description: null, ...own, tags: own.tags ?? null });
          break;
        default:
          add(`${type}s`, withParent);
      }
    });
    return out;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    current: () => structuredClone(running),
    load(doc) {
      running = exportOf(doc);
      hash = createHash('sha256').update(canonical(doc)).digest('hex');
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Visits every entity, nested or flat, with the foreign keys its nesting implies. */
function walk(doc: Obj, visit: (type: string, entity: Obj, parent: Obj) => void): void {
  const list = (v: unknown): Obj[] => (Array.isArray(v) ? v : []);
  const plugins = (owner: Obj, parent: Obj) => list(owner.plugins).forEach((p) => visit('plugin', p, parent));
  for (const s of list(doc.services)) {
    visit('service', s, {});
    plugins(s, { service: s.id ?? s.name });
    for (const r of list(s.routes)) {
      visit('route', r, { service: s.id ?? s.name });
      plugins(r, { route: r.id ?? r.name });
    }
  }
  for (const r of list(doc.routes)) {
    visit('route', r, {});
    plugins(r, { route: r.id ?? r.name });
  }
  for (const c of list(doc.consumers)) {
    visit('consumer', c, {});
    plugins(c, { consumer: c.id ?? c.username });
    for (const k of list(c.keyauth_credentials)) visit('keyauth_credential', k, { consumer: c.id ?? c.username });
  }
  for (const g of list(doc.consumer_groups)) visit('consumer_group', g, {});
  for (const p of list(doc.plugins)) visit('plugin', p, {});
  for (const k of list(doc.keyauth_credentials)) visit('keyauth_credential', k, {});
  for (const m of list(doc.consumer_group_consumers)) visit('consumer_group_consumer', m, {});
  for (const v of list(doc.vaults)) visit('vault', v, {});
}

/** A few of the defaults Kong fills into plugin configs, so a comparison must ignore them. */
function withDefaults(plugin: string, config: Obj): Obj {
  switch (plugin) {
    case 'key-auth':
      return { anonymous: null, realm: null, run_on_preflight: true, ...config };
    case 'ai-proxy':
      return { max_request_body_size: 8192, ...config, model: { ...config.model, options: { upstream_url: null, ...config.model?.options } } };
    default:
      return config;
  }
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Obj)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}
