/** The reference proxy side of a sync, through its admin listener (src/proxy/admin.ts): `GET /config`
 * names the running gateway, the sha256 of its canonical bundle and the bundle itself; `POST
 * /config` with a new bundle hot-reloads it (201), or refuses it with diagnostics (400) and keeps
 * the old one. The plan compares the two bundles object by object (bundle-resources.ts); a proxy
 * that does not serve its bundle is compared by gateway name and hash. */
import { digestInlineSecrets } from '../../model/index.ts';
import type { Failure, Resource } from '../change.ts';
import { isRecord } from '../equal.ts';
import { OUTCOME, steps, type Executor } from '../execute.ts';
import type { SecretFields } from '../mask.ts';
import { bundleResources, inlineSecretFields } from './bundle-resources.ts';

export const BUNDLE_KIND = 'ReferenceBundle';

export interface ReferenceSyncOptions {
  readonly adminUrl: string;
  readonly token: string;
  /** The bundle as the reference target wrote it (JSON text). */
  readonly bundle: string;
  /** The gateway the bundle is for. */
  readonly gateway: string;
  /** The bundle's hash as the proxy computes it (`bundleHash`), so equal bundles compare equal. */
  readonly hash: string;
}

export interface ObservedReference {
  readonly current: readonly Resource[];
  readonly desired: readonly Resource[];
  readonly executor: Executor;
  /** Where inline secret values sit in these bundles, masked in what a diff shows. */
  readonly secretFields: SecretFields;
}

export async function observeReference(options: ReferenceSyncOptions): Promise<ObservedReference> {
  const running = await admin(options, 'GET');
  if (running.status !== 200 || !isRecord(running.body) || typeof running.body.hash !== 'string') {
    throw new Error(`GET /config on the reference proxy's admin listener answered ${running.status}${hintFor(running.status)}`);
  }
  // One bundle per proxy, posted whole: every change goes out in the same POST.
  const ref = { kind: BUNDLE_KIND, name: options.gateway };
  const runningBundle = running.body.bundle;
  // Compared as the proxy serves it: inline secret values as their digests.
  const desiredBundle: unknown = digestInlineSecrets(JSON.parse(options.bundle));
  let current: readonly Resource[] = [{ ...ref, body: { gateway: running.body.name, hash: running.body.hash } }];
  let desired: readonly Resource[] = [{ ...ref, body: { gateway: options.gateway, hash: options.hash } }];
  if (isRecord(runningBundle) && isRecord(desiredBundle)) {
    current = bundleResources(runningBundle);
    desired = bundleResources(desiredBundle);
  }

  const executor: Executor = {
    async execute(plan, { dryRun, report }) {
      if (!dryRun && plan.changes.length > 0) {
        const posted = await admin(options, 'POST', options.bundle).catch((e: unknown) => e as Error);
        if (posted instanceof Error) return [{ op: 'update', ...ref, cause: posted.message }];
        if (posted.status !== 201) return [{ op: 'update', ...ref, cause: refusal(posted) }];
      }
      for (const s of steps(plan)) report({ kind: s.kind, name: s.name, outcome: 'op' in s ? OUTCOME[s.op] : 'unchanged', dryRun });
      return [] as Failure[];
    },
  };
  return { current, desired, executor, secretFields: inlineSecretFields([...current, ...desired]) };
}

async function admin(options: ReferenceSyncOptions, method: 'GET' | 'POST', body?: string): Promise<{ status: number; body: unknown }> {
  const url = new URL('config', options.adminUrl.endsWith('/') ? options.adminUrl : `${options.adminUrl}/`);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body }),
    });
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
    throw new Error(`could not reach the reference proxy's admin listener at ${options.adminUrl}${cause}`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed };
}

function refusal(r: { status: number; body: unknown }): string {
  const b = isRecord(r.body) ? r.body : {};
  const diagnostics = Array.isArray(b.diagnostics) ? b.diagnostics.filter(isRecord) : [];
  const details = diagnostics.map((d) => `${String(d.path ?? '')}: ${String(d.message ?? '')}`).join('; ');
  return `POST /config answered ${r.status}: ${typeof b.message === 'string' ? b.message : 'refused'}${details ? ` (${details})` : ''}${hintFor(r.status)}`;
}

function hintFor(status: number): string {
  return status === 401 ? ' (the admin token was not accepted: pass the token `aigate serve` printed with --admin-token)' : '';
}
