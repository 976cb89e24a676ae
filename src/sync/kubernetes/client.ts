/** The few API calls a sync makes, over @kubernetes/client-node's KubernetesObjectApi, with every
 * error turned into a `KubeApiError` that carries the Status reason and message but never the
 * request or response body (a Secret's data must not reach an error message). */
import { ApiException, KubernetesObjectApi, PatchStrategy, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';

export type KubeObject = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<string, unknown> };

export interface TypeRef {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface ObjectKey extends TypeRef {
  readonly name: string;
  readonly namespace?: string;
}

export interface ApplyRequest {
  readonly fieldManager: string;
  readonly force: boolean;
  readonly dryRun: boolean;
}

/** What a sync needs from a cluster; the tests' fake API server answers the same calls. */
export interface KubeClient {
  /** Whether a kind is namespaced (API discovery); undefined when the server does not serve it. */
  namespaced(type: TypeRef): Promise<boolean | undefined>;
  read(key: ObjectKey): Promise<KubeObject | undefined>;
  list(type: TypeRef, namespace: string | undefined, labelSelector: string): Promise<KubeObject[]>;
  apply(object: KubeObject, request: ApplyRequest): Promise<KubeObject>;
  delete(key: ObjectKey, dryRun: boolean): Promise<void>;
}

/** A failed call, described from the Status the server sent. */
export class KubeApiError extends Error {
  readonly code: number;
  readonly reason: string;
  /** For a 409 from an apply: who owns what. */
  readonly conflicts: readonly { readonly manager: string; readonly field: string }[];
  constructor(code: number, reason: string, message: string, conflicts: readonly { manager: string; field: string }[] = []) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.conflicts = conflicts;
  }
}

// Exposes API discovery, which KubernetesObjectApi uses internally but keeps protected.
class DiscoveringObjectApi extends KubernetesObjectApi {
  async scope(type: TypeRef): Promise<boolean | undefined> {
    return (await this.resource(type.apiVersion, type.kind))?.namespaced;
  }
}

export function kubeClient(config: KubeConfig): KubeClient {
  const api = config.makeApiClient(DiscoveringObjectApi);
  const server = config.getCurrentCluster()?.server ?? 'the cluster';
  const call = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw toKubeApiError(what, e, server);
    }
  };
  return {
    namespaced: (type) => call(`discover ${type.apiVersion} ${type.kind}`, () => api.scope(type)),
    async read(key) {
      try {
        return plain(await api.read(header(key)));
      } catch (e) {
        if (e instanceof ApiException && e.code === 404) return undefined;
        throw toKubeApiError(`read ${key.kind}/${key.name}`, e, server);
      }
    },
    list: (type, namespace, labelSelector) =>
      call(`list ${type.kind}`, async () => {
        const result = await api.list(type.apiVersion, type.kind, namespace, undefined, undefined, undefined, undefined, labelSelector);
        // Built-in lists leave apiVersion and kind off their items.
        return result.items.map((i) => ({ ...plain(i), apiVersion: type.apiVersion, kind: type.kind }));
      }),
    apply: (object, r) =>
      call(`apply ${object.kind}/${object.metadata.name}`, async () =>
        plain(await api.patch(object as KubernetesObject, undefined, r.dryRun ? 'All' : undefined, r.fieldManager, r.force, PatchStrategy.ServerSideApply)),
      ),
    delete: (key, dryRun) =>
      call(`delete ${key.kind}/${key.name}`, async () => {
        await api.delete(header(key) as KubernetesObject, undefined, dryRun ? 'All' : undefined);
      }),
  };
}

function header(key: ObjectKey) {
  return { apiVersion: key.apiVersion, kind: key.kind, metadata: { name: key.name, ...(key.namespace !== undefined && { namespace: key.namespace }) } };
}

/** The client hands back model classes with Date fields; the plan compares plain JSON. */
function plain(o: unknown): KubeObject {
  return JSON.parse(JSON.stringify(o)) as KubeObject;
}

export function toKubeApiError(what: string, e: unknown, server: string): KubeApiError {
  if (e instanceof KubeApiError) return e;
  if (e instanceof ApiException) {
    const body = statusBody(e.body) as { message?: unknown; reason?: unknown; details?: { causes?: { reason?: string; message?: string; field?: string }[] } };
    const reason = typeof body.reason === 'string' ? body.reason : `HTTP ${e.code}`;
    const message = typeof body.message === 'string' ? body.message : reason;
    const conflicts = (body.details?.causes ?? [])
      .filter((c) => c.reason === 'FieldManagerConflict')
      .map((c) => ({ manager: /conflict with "([^"]+)"/.exec(c.message ?? '')?.[1] ?? 'another field manager', field: c.field ?? '' }));
    return new KubeApiError(e.code, reason, `${what}: ${message}`, conflicts);
  }
  // A connection error carries no body; say where aigate tried to go and why it could not.
  const cause = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message.replace(/^Failed to fetch resource metadata for [^:]+: /, '')) : String(e);
  return new KubeApiError(0, 'ConnectionFailed', `could not reach the Kubernetes API server at ${server} (${cause})`);
}

/** The Status the server sent; the client hands the error body over as text. */
function statusBody(body: unknown): object {
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      return typeof parsed === 'object' && parsed !== null ? parsed : {};
    } catch {
      return {};
    }
  }
  return typeof body === 'object' && body !== null ? body : {};
}
