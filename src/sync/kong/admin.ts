/** Kong's DB-less configuration endpoint (kong FACTS §4): `GET /config` returns `{config: "<yaml>"}`;
 * `POST /config?check_hash=1&flatten_errors=1` answers 201 (loaded), 304 (same hash, nothing to
 * do) or 400 with Kong's flattened per-entity errors. Error messages carry Kong's words and
 * paths, never the posted body. */
import { parse } from 'yaml';
import { isRecord } from '../equal.ts';

/** One entity Kong refused, with what is wrong where. */
export interface KongEntityError {
  readonly entityType: string;
  readonly entityName?: string;
  readonly errors: readonly { readonly field?: string; readonly message: string }[];
}

export type PostResult =
  | { readonly status: 'applied' }
  | { readonly status: 'unchanged' }
  | { readonly status: 'invalid'; readonly message: string; readonly entities: readonly KongEntityError[]; readonly fields: readonly string[] };

export interface KongAdmin {
  getConfig(): Promise<unknown>;
  postConfig(doc: unknown): Promise<PostResult>;
}

export function kongAdmin(baseUrl: string, headers: Readonly<Record<string, string>> = {}): KongAdmin {
  const url = (path: string) => new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  const call = async (path: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetch(url(path), { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
      throw new Error(`could not reach the Kong Admin API at ${baseUrl}${cause}`);
    }
  };
  return {
    async getConfig() {
      const res = await call('config', { method: 'GET', headers: { accept: 'application/json' } });
      const body = await readJson(res);
      if (res.status !== 200) throw new Error(`GET /config answered ${res.status}: ${messageOf(body) ?? 'no message'}${res.status === 400 || res.status === 404 ? ' (is Kong running DB-less, with database=off?)' : ''}`);
      if (!isRecord(body) || typeof body.config !== 'string') throw new Error('GET /config did not return {config: "<yaml>"}');
      try {
        return parse(body.config);
      } catch (e) {
        throw new Error(`the configuration Kong returned is not YAML: ${(e as Error).message}`);
      }
    },
    async postConfig(doc) {
      const res = await call('config?check_hash=1&flatten_errors=1', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(doc) });
      if (res.status === 201 || res.status === 200) {
        await res.body?.cancel();
        return { status: 'applied' };
      }
      if (res.status === 304) return { status: 'unchanged' };
      const body = await readJson(res);
      if (res.status === 400 && isRecord(body)) return invalid(body);
      const retry = res.headers.get('retry-after');
      throw new Error(`POST /config answered ${res.status}: ${messageOf(body) ?? 'no message'}${retry ? ` (retry after ${retry} s)` : ''}`);
    },
  };
}

function invalid(body: Record<string, unknown>): PostResult {
  const entities: KongEntityError[] = (Array.isArray(body.flattened_errors) ? body.flattened_errors : []).filter(isRecord).map((e) => ({
    entityType: typeof e.entity_type === 'string' ? e.entity_type : 'entity',
    ...(typeof e.entity_name === 'string' && { entityName: e.entity_name }),
    errors: (Array.isArray(e.errors) ? e.errors : []).filter(isRecord).map((x) => ({
      ...(typeof x.field === 'string' && { field: x.field }),
      message: typeof x.message === 'string' ? x.message : 'invalid',
    })),
  }));
  return { status: 'invalid', message: messageOf(body) ?? 'invalid declarative configuration', entities, fields: flattenFields(body.fields) };
}

/** Kong's nested `fields` error tree as `path: message` lines, for a Kong that does not flatten. */
function flattenFields(v: unknown, at = ''): string[] {
  if (typeof v === 'string') return [`${at || '(root)'}: ${v}`];
  if (Array.isArray(v)) return v.flatMap((x, i) => flattenFields(x, `${at}[${i}]`));
  if (isRecord(v)) return Object.entries(v).flatMap(([k, x]) => flattenFields(x, at ? `${at}.${k}` : k));
  return [];
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messageOf(body: unknown): string | undefined {
  return isRecord(body) && typeof body.message === 'string' ? body.message : undefined;
}
