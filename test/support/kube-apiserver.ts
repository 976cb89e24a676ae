/**
 * An in-process Kubernetes API server (node:http) implementing exactly what `aigate diff`/`sync`
 * and @kubernetes/client-node use, written from the Kubernetes API reference (no real
 * kube-apiserver can run here, kgo FACTS §6):
 *
 * - discovery: `GET /api`, `GET /apis`, `GET /api/v1`, `GET /apis/<group>/<version>`;
 * - `GET` one object, `LIST` (namespaced, all namespaces, cluster-scoped) with an equality
 *   `labelSelector` (`k=v`, `k==v`, `k!=v`, `k`, `!k`);
 * - `PATCH` with `application/apply-patch+yaml` (server-side apply): `fieldManager` required,
 *   `force`, `dryRun=All`, the body checked (kind, name, no managedFields); any other patch type
 *   gets 415;
 * - `DELETE` (with `dryRun=All`);
 * - `Status` bodies for 400, 401, 404, 405, 409 and 415; `resourceVersion` bumped on every real
 *   change and left alone on a no-op apply; `uid`, `creationTimestamp`, `generation`;
 * - a simplified managedFields model (kube-managed-fields.ts): a field is a top-level field of the object, or one key of
 *   `spec`, `data`, `metadata.labels` or `metadata.annotations`. Each field has a set of owning
 *   managers. An apply of a field another manager owns with a different value is a 409 Conflict
 *   naming that manager (FieldManagerConflict causes) unless `force`; with the same value the
 *   managers share it. Fields a manager applied before and leaves out now are removed when no
 *   one else owns them. `metadata.managedFields` is rendered as FieldsV1 from that model;
 * - Secrets: `stringData` is folded into base64 `data`; HTTPRoute: the server-side defaults of
 *   the Gateway API CRD (parentRefs group/kind, backendRefs group/kind/weight), so a naive diff
 *   would see drift.
 *
 * Not implemented: watch, create (POST), update (PUT), strategic-merge/JSON/merge patches,
 * namespaces as objects, admission, field validation, list-type merging inside a field.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { fieldsOf, fieldsV1Of, isObj, removeAt, same, sameOwners, setAt, split, valueAt, type Obj } from './kube-managed-fields.ts';

export interface ResourceType {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

/** Every kind the Kubernetes targets write, with the scope their CRDs declare. */
export const KONG_RESOURCE_TYPES: readonly ResourceType[] = [
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  { group: 'configuration.konghq.com', version: 'v1', kind: 'KongPlugin', plural: 'kongplugins', namespaced: true },
  { group: 'configuration.konghq.com', version: 'v1', kind: 'KongClusterPlugin', plural: 'kongclusterplugins', namespaced: false },
  { group: 'configuration.konghq.com', version: 'v1', kind: 'KongConsumer', plural: 'kongconsumers', namespaced: true },
  { group: 'configuration.konghq.com', version: 'v1beta1', kind: 'KongConsumerGroup', plural: 'kongconsumergroups', namespaced: true },
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'HTTPRoute', plural: 'httproutes', namespaced: true },
  { group: 'gateway-operator.konghq.com', version: 'v1alpha1', kind: 'AIGateway', plural: 'aigateways', namespaced: true },
];

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

/** Lets a test answer a request itself (e.g. a hostile server that echoes the body back). */
export type Interceptor = (req: RecordedRequest, body: string) => { status: number; body: unknown } | undefined;

export interface KubeApiServerOptions {
  readonly types?: readonly ResourceType[];
  /** Required bearer token; unset accepts any request. */
  readonly token?: string;
  readonly intercept?: Interceptor;
}

export interface ApplyOptions {
  readonly manager: string;
  readonly force?: boolean;
}

export interface FakeKubeApiServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Server-side applies as another tool would (seeding, or drift); throws on a conflict. */
  apply(object: Obj, options: ApplyOptions): Obj;
  get(kind: string, name: string, namespace?: string): Obj | undefined;
  objects(): Obj[];
  setIntercept(intercept: Interceptor | undefined): void;
  close(): Promise<void>;
}

interface Stored {
  object: Obj;
  /** field key → managers owning it */
  owners: Map<string, Set<string>>;
  managerTimes: Map<string, string>;
}

class StatusError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: Obj | undefined;
  constructor(code: number, reason: string, message: string, details?: Obj) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
}

export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<FakeKubeApiServer> {
  const types = options.types ?? KONG_RESOURCE_TYPES;
  const store = new Map<string, Stored>();
  const requests: RecordedRequest[] = [];
  let intercept = options.intercept;
  let resourceVersion = 1000;

  const typeByKind = (kind: string) => types.find((t) => t.kind === kind);
  const apiVersionOf = (t: ResourceType) => (t.group === '' ? t.version : `${t.group}/${t.version}`);
  const keyOf = (t: ResourceType, name: string, namespace?: string) => `${t.kind}/${t.namespaced ? (namespace ?? '') : ''}/${name}`;

  function apply(t: ResourceType, name: string, namespace: string | undefined, rawBody: Obj, manager: string, force: boolean, dryRun: boolean): { status: number; object: Obj } {
    const body = structuredClone(rawBody);
    if (body.kind !== t.kind || body.apiVersion !== apiVersionOf(t)) {
      throw new StatusError(400, 'BadRequest', `the body is a ${body.apiVersion}/${body.kind}, but the URL is for ${apiVersionOf(t)}/${t.kind}`);
    }
    if (body.metadata?.name !== name) throw new StatusError(400, 'BadRequest', `the name of the object (${body.metadata?.name}) does not match the name on the URL (${name})`);
    if (t.namespaced && body.metadata?.namespace !== undefined && body.metadata.namespace !== namespace) {
      throw new StatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    if (body.metadata?.managedFields !== undefined) throw new StatusError(400, 'BadRequest', 'metadata.managedFields must be nil');
    if (t.kind === 'Secret') foldStringData(body);
    if (t.kind === 'HTTPRoute') defaultHttpRoute(body);

    const key = keyOf(t, name, namespace);
    const existing = store.get(key);
    const applied = fieldsOf(body);
    const base: Obj = existing ? structuredClone(existing.object) : { apiVersion: body.apiVersion, kind: body.kind, metadata: { name, ...(t.namespaced && { namespace }) } };
    const owners = new Map([...(existing?.owners ?? new Map<string, Set<string>>())].map(([k, v]) => [k, new Set(v)] as const));

    const conflicts: { field: string; manager: string }[] = [];
    for (const [field, value] of applied) {
      for (const other of owners.get(field) ?? []) {
        if (other !== manager && !same(valueAt(base, field), value)) conflicts.push({ field, manager: other });
      }
    }
    if (conflicts.length > 0 && !force) throw conflictError(t, name, conflicts);

    // Fields this manager applied before and leaves out now go, unless someone else still owns them.
    for (const [field, set] of owners) {
      if (!set.has(manager) || applied.has(field)) continue;
      set.delete(manager);
      if (set.size === 0) {
        owners.delete(field);
        removeAt(base, field);
      }
    }
    for (const [field, value] of applied) {
      setAt(base, field, structuredClone(value));
      const set = force ? new Set<string>() : (owners.get(field) ?? new Set<string>());
      set.add(manager);
      owners.set(field, set);
    }
    if (t.kind === 'Secret') base.type ??= 'Opaque';

    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const changed = existing === undefined || !same(strip(existing.object), strip(base)) || !sameOwners(existing.owners, owners);
    const managerTimes = new Map(existing?.managerTimes ?? []);
    if (changed) {
      managerTimes.set(manager, now);
      const meta = base.metadata;
      meta.resourceVersion = String(dryRun ? resourceVersion : ++resourceVersion);
      meta.uid ??= randomUUID();
      meta.creationTimestamp ??= now;
      const contentChanged = existing === undefined || !same(content(existing.object), content(base));
      meta.generation = (existing?.object.metadata.generation ?? 0) + (contentChanged ? 1 : 0);
    }
    for (const m of managerTimes.keys()) if (![...owners.values()].some((s) => s.has(m))) managerTimes.delete(m);
    const stored: Stored = { object: base, owners, managerTimes };
    if (!dryRun && changed) store.set(key, stored);
    return { status: existing ? 200 : 201, object: render(stored, t) };
  }

  function handle(req: IncomingMessage, bodyText: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query, ...(req.headers['content-type'] && { contentType: req.headers['content-type'] }) };
    requests.push(recorded);
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      return status(res, new StatusError(401, 'Unauthorized', 'Unauthorized'));
    }
    const injected = intercept?.(recorded, bodyText);
    if (injected) return send(res, injected.status, injected.body);
    try {
      routeRequest(recorded, bodyText, res);
    } catch (e) {
      if (e instanceof StatusError) return status(res, e);
      status(res, new StatusError(500, 'InternalError', (e as Error).message));
    }
  }

  function routeRequest(r: RecordedRequest, bodyText: string, res: ServerResponse): void {
    const parts = r.path.split('/').filter(Boolean);
    if (r.method === 'GET' && r.path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (r.method === 'GET' && r.path === '/apis') return send(res, 200, groupList());
    // /api/v1/... or /apis/<group>/<version>/...
    const core = parts[0] === 'api';
    const group = core ? '' : (parts[1] ?? '');
    const version = core ? parts[1] : parts[2];
    const rest = parts.slice(core ? 2 : 3);
    const inVersion = types.filter((t) => t.group === group && t.version === version);
    if (inVersion.length === 0 || (parts[0] !== 'api' && parts[0] !== 'apis')) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (rest.length === 0) {
      if (r.method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return send(res, 200, resourceList(group, version!, inVersion));
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest.splice(0, 2);
    }
    const [plural, name, ...extra] = rest;
    const t = inVersion.find((x) => x.plural === plural);
    if (t === undefined || extra.length > 0) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (!t.namespaced && namespace !== undefined) throw new StatusError(404, 'NotFound', `${t.kind} is cluster-scoped`);
    if (name === undefined) {
      if (r.method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return send(res, 200, list(t, namespace, r.query.labelSelector));
    }
    if (t.namespaced && namespace === undefined) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const key = keyOf(t, name, namespace);
    switch (r.method) {
      case 'GET': {
        const found = store.get(key);
        if (!found) throw notFound(t, name);
        return send(res, 200, render(found, t));
      }
      case 'PATCH': {
        if (!(r.contentType ?? '').startsWith('application/apply-patch+yaml')) {
          throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml`);
        }
        const manager = r.query.fieldManager;
        if (!manager) throw new StatusError(400, 'BadRequest', 'PATCH, application/apply-patch+yaml requests require fieldManager');
        let body: unknown;
        try {
          body = parse(bodyText);
        } catch (e) {
          throw new StatusError(400, 'BadRequest', `error decoding YAML: ${(e as Error).message}`);
        }
        if (typeof body !== 'object' || body === null) throw new StatusError(400, 'BadRequest', 'the body is not an object');
        const out = apply(t, name, namespace, body as Obj, manager, r.query.force === 'true', r.query.dryRun === 'All');
        return send(res, out.status, out.object);
      }
      case 'DELETE': {
        const found = store.get(key);
        if (!found) throw notFound(t, name);
        if (r.query.dryRun !== 'All') store.delete(key);
        return send(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: t.group, kind: t.plural, uid: found.object.metadata.uid } });
      }
      default:
        throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }

  function list(t: ResourceType, namespace: string | undefined, selector: string | undefined): Obj {
    const match = parseSelector(selector);
    const items = [...store.values()]
      .filter((s) => s.object.kind === t.kind && (namespace === undefined || s.object.metadata.namespace === namespace))
      .filter((s) => match(s.object.metadata.labels ?? {}))
      .sort((a, b) => `${a.object.metadata.namespace}/${a.object.metadata.name}`.localeCompare(`${b.object.metadata.namespace}/${b.object.metadata.name}`))
      .map((s) => {
        const o = render(s, t);
        // Built-in lists leave apiVersion and kind off their items; custom resources keep them.
        if (t.group === '') {
          delete o.apiVersion;
          delete o.kind;
        }
        return o;
      });
    return { apiVersion: apiVersionOf(t), kind: `${t.kind}List`, metadata: { resourceVersion: String(resourceVersion) }, items };
  }

  function groupList(): Obj {
    const groups = [...new Set(types.filter((t) => t.group !== '').map((t) => t.group))].map((name) => {
      const versions = [...new Set(types.filter((t) => t.group === name).map((t) => t.version))].map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
      return { name, versions, preferredVersion: versions[0] };
    });
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }

  function resourceList(group: string, version: string, ts: readonly ResourceType[]): Obj {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group === '' ? version : `${group}/${version}`,
      resources: ts.map((t) => ({ name: t.plural, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: ['delete', 'get', 'list', 'patch'] })),
    };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    apply(object, { manager, force = false }) {
      const t = typeByKind(object.kind);
      if (!t) throw new Error(`unknown kind ${object.kind}`);
      return apply(t, object.metadata.name, t.namespaced ? (object.metadata.namespace ?? 'default') : undefined, { ...object, metadata: { ...object.metadata, ...(t.namespaced && { namespace: object.metadata.namespace ?? 'default' }) } }, manager, force, false).object;
    },
    get(kind, name, namespace) {
      const t = typeByKind(kind);
      const found = t && store.get(keyOf(t, name, t.namespaced ? (namespace ?? 'default') : undefined));
      return found && t ? render(found, t) : undefined;
    },
    objects: () => [...store.values()].map((s) => render(s, typeByKind(s.object.kind)!)),
    setIntercept(i) {
      intercept = i;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The FieldsV1 form of what each manager owns: `{"f:spec": {"f:rules": {}}}`. */
function render(s: Stored, t: ResourceType): Obj {
  const object = structuredClone(s.object);
  const managers = [...new Set([...s.owners.values()].flatMap((set) => [...set]))].sort();
  object.metadata.managedFields = managers.map((manager) => {
    const fieldsV1 = fieldsV1Of(s.owners, manager);
    return { manager, operation: 'Apply', apiVersion: object.apiVersion ?? (t.group === '' ? t.version : `${t.group}/${t.version}`), time: s.managerTimes.get(manager), fieldsType: 'FieldsV1', fieldsV1 };
  });
  return object;
}

function conflictError(t: ResourceType, name: string, conflicts: readonly { field: string; manager: string }[]): StatusError {
  const apiVersion = t.group === '' ? t.version : `${t.group}/${t.version}`;
  const path = (f: string) => `.${split(f).join('.')}`;
  const message =
    conflicts.length === 1
      ? `Apply failed with 1 conflict: conflict with "${conflicts[0]!.manager}" using ${apiVersion}: ${path(conflicts[0]!.field)}`
      : `Apply failed with ${conflicts.length} conflicts: ${conflicts.map((c) => `conflict with "${c.manager}" using ${apiVersion}: ${path(c.field)}`).join('\n')}`;
  return new StatusError(409, 'Conflict', message, {
    name,
    group: t.group,
    kind: t.plural,
    causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${apiVersion}`, field: path(c.field) })),
  });
}

function notFound(t: ResourceType, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${t.plural}${t.group ? `.${t.group}` : ''} "${name}" not found`, { name, group: t.group, kind: t.plural });
}

// ---- server-side behaviour of particular kinds ----------------------------------------------

function foldStringData(body: Obj): void {
  if (!isObj(body.stringData)) return;
  body.data = { ...(body.data ?? {}) };
  for (const [k, v] of Object.entries(body.stringData)) body.data[k] = Buffer.from(String(v)).toString('base64');
  delete body.stringData;
}

/** The Gateway API CRD's defaults (kgo FACTS §3). */
function defaultHttpRoute(body: Obj): void {
  for (const p of body.spec?.parentRefs ?? []) {
    p.group ??= 'gateway.networking.k8s.io';
    p.kind ??= 'Gateway';
  }
  for (const rule of body.spec?.rules ?? []) {
    for (const b of rule.backendRefs ?? []) {
      b.group ??= '';
      b.kind ??= 'Service';
      b.weight ??= 1;
    }
  }
}

// ---- helpers ------------------------------------------------------------------------------------

function parseSelector(selector: string | undefined): (labels: Record<string, string>) => boolean {
  if (!selector) return () => true;
  const tests = selector.split(',').map((req) => {
    const r = req.trim();
    let m: RegExpMatchArray | null;
    if ((m = r.match(/^([^!=]+)!=(.*)$/))) return (l: Record<string, string>) => l[m![1]!] !== m![2];
    if ((m = r.match(/^([^!=]+)==?(.*)$/))) return (l: Record<string, string>) => l[m![1]!] === m![2];
    if ((m = r.match(/^!(.+)$/))) return (l: Record<string, string>) => !(m![1]! in l);
    if (/^[\w./-]+$/.test(r)) return (l: Record<string, string>) => r in l;
    throw new StatusError(400, 'BadRequest', `unable to parse requirement: ${r}`);
  });
  return (labels) => tests.every((t) => t(labels));
}

function strip(o: Obj): Obj {
  const c = structuredClone(o);
  for (const k of ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'managedFields']) delete c.metadata[k];
  return c;
}

function content(o: Obj): Obj {
  const c = strip(o);
  delete c.metadata;
  return c;
}

function status(res: ServerResponse, e: StatusError): void {
  send(res, e.code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: e.reason, ...(e.details && { details: e.details }), code: e.code });
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
