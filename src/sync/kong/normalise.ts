/** What a Kong entity is compared as. Kong exports every field with its default filled in (and
 * `null` for unset ones), and turns a service's `url` into protocol, host, port and path; so the
 * live side is cut down to the fields the desired side sets, recursively, after the desired
 * `url` is expanded the way Kong does. Compare only what you control. */
import { isRecord } from '../equal.ts';
import type { SecretFields } from '../mask.ts';

export function normaliseKong(kind: string, value: unknown, against?: unknown): unknown {
  let v = dropNulls(value);
  if (kind === 'service' && isRecord(v)) v = expandUrl(v);
  return against === undefined ? v : project(v, against);
}

/** A key-auth credential's key is a secret; decK masks it too. */
export const KONG_SECRET_FIELDS: SecretFields = { keyauth_credential: [['key']] };

function project(live: unknown, desired: unknown): unknown {
  if (isRecord(live) && isRecord(desired)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(desired)) if (Object.hasOwn(live, k)) out[k] = project(live[k], desired[k]);
    return out;
  }
  if (Array.isArray(live) && Array.isArray(desired) && live.length === desired.length) return live.map((x, i) => project(x, desired[i]));
  return live;
}

function expandUrl(s: Record<string, unknown>): Record<string, unknown> {
  if (typeof s.url !== 'string') return s;
  const { url, ...rest } = s;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return s;
  }
  const protocol = u.protocol.replace(/:$/, '');
  const port = u.port === '' ? (protocol === 'https' ? 443 : 80) : Number(u.port);
  const path = u.pathname === '/' && !url.endsWith('/') ? undefined : u.pathname;
  return { ...rest, protocol, host: u.hostname, port, ...(path !== undefined && { path }) };
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropNulls(x)]));
  return v;
}
