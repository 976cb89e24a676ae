/** What `diff` and `sync` share: compile the config for the target, connect to the live system the
 * target syncs to (a cluster, a DB-less Kong, a reference proxy), read what aigate owns there and
 * plan the changes. Adapters are loaded on demand, so `aigate compile` never loads a Kubernetes
 * client. */
import { parseAllDocuments, parse } from 'yaml';
import { emitTarget, loadModel } from '../compile/index.ts';
import { error, warning, type Diagnostic, type Result } from '../diagnostics/index.ts';
import { ownershipTags, type Artefact } from '../emit/index.ts';
import { inlineSecretValues, type GatewayModel } from '../model/index.ts';
import { plan, type Executor, type Failure, type Normaliser, type Plan, type Redactor, type Resource, type SecretFields } from '../sync/index.ts';
import type { CommandIo } from './io.ts';
import { findTarget, KUBERNETES_SYNC, unknownTarget } from './targets.ts';

export interface LiveOptions {
  readonly target: string;
  readonly env?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly kongAdminUrl?: string;
  readonly adminUrl?: string;
  readonly adminToken?: string;
  readonly applySecrets: boolean;
  readonly forceConflicts: boolean;
  readonly prune: boolean;
}

export interface Live {
  readonly plan: Plan;
  /** Objects the live system already refused while planning (e.g. a field-manager conflict). */
  readonly failures: readonly Failure[];
  readonly executor: Executor;
  readonly secretFields: SecretFields;
  /** Where the sync goes, said for a person. */
  readonly where: string;
  readonly warnings: readonly Diagnostic[];
}

interface Observed {
  readonly current: readonly Resource[];
  readonly desired: readonly Resource[];
  readonly failures?: readonly Failure[];
  readonly executor: Executor;
  readonly normalise: Normaliser;
  readonly secretFields: SecretFields;
  readonly where: string;
  /** A sync replaces the whole configuration, so what the config no longer has goes whatever --prune says. */
  readonly replacesAll?: boolean;
}

type Connect = (model: GatewayModel, artefact: Artefact, opts: LiveOptions, io: CommandIo, redactor: Redactor) => Promise<Result<Observed>>;

export async function connectLive(file: string, opts: LiveOptions, io: CommandIo, redactor: Redactor): Promise<Result<Live>> {
  const target = findTarget(opts.target);
  if (!target) return { ok: false, diagnostics: [unknownTarget(opts.target)] };
  const connect = KUBERNETES_SYNC[target.id] ? connectKubernetes : target.id === 'deck' ? connectKong : target.id === 'reference' ? connectReference : undefined;
  if (!connect) return fail('usage', `the ${target.id} target has no live system to diff or sync against`, 'targets with sync: kong-ingress, kong-operator, deck, reference');
  if (opts.applySecrets && !KUBERNETES_SYNC[target.id]) return fail('usage', '--apply-secrets is for the Kubernetes targets (kong-ingress, kong-operator)', 'leave it out');

  const model = await loadModel(file, opts.env === undefined ? {} : { env: opts.env });
  if (!model.ok) return model;
  const emitted = emitTarget(model.value, target);
  if (!emitted.ok) return emitted;
  const artefact = emitted.value[0];
  if (artefact === undefined) return fail('target_unknown', `the ${target.id} target wrote nothing`);

  let observed: Result<Observed>;
  try {
    observed = await connect(model.value, artefact, opts, io, redactor);
  } catch (e) {
    const hint = typeof (e as { hint?: unknown }).hint === 'string' ? (e as { hint: string }).hint : undefined;
    return fail('sync_failed', (e as Error).message, hint);
  }
  if (!observed.ok) return observed;
  const o = observed.value;
  const warnings = [...model.warnings, ...emitted.warnings, ...observed.warnings];
  return {
    ok: true,
    value: { plan: plan(o.current, o.desired, { normalise: o.normalise, prune: o.replacesAll === true || opts.prune }), failures: o.failures ?? [], executor: o.executor, secretFields: o.secretFields, where: o.where, warnings },
    warnings,
  };
}

const connectKubernetes: Connect = async (model, artefact, opts, io, redactor) => {
  const k = await import('../sync/kubernetes/index.ts');
  const spec = KUBERNETES_SYNC[opts.target]!;
  const manifests = parseAllDocuments(artefact.content)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is import('../sync/kubernetes/index.ts').KubeObject => typeof o === 'object' && o !== null);
  const secrets = opts.applySecrets ? k.secretManifests(spec.credentialSecrets(model), model.name, io.env, redactor) : { ok: true as const, value: [], warnings: [] };
  if (!secrets.ok) return secrets;
  const config = k.loadKubeConfig({ env: io.env, ...pick(opts, 'kubeconfig', 'context', 'namespace') });
  const observed = await k.observeKubernetes([...secrets.value, ...manifests], {
    client: k.kubeClient(config.config),
    namespace: config.namespace,
    gateway: model.name,
    // Without --apply-secrets, Secrets are not aigate's to change, and so not to prune either.
    kinds: [...(opts.applySecrets ? [{ apiVersion: 'v1', kind: 'Secret' }] : []), ...spec.kinds],
    forceConflicts: opts.forceConflicts,
  });
  return {
    ok: true,
    value: { ...observed, normalise: k.normaliseKubernetes, secretFields: k.KUBERNETES_SECRET_FIELDS, where: `cluster context "${config.context}", namespace "${config.namespace}"` },
    warnings: [],
  };
};

const connectKong: Connect = async (model, artefact, opts, io, redactor) => {
  if (opts.kongAdminUrl === undefined) {
    return fail('usage', 'diff and sync for the deck target need --kong-admin-url (a DB-less Kong Admin API)', 'for a Kong with a database, run deck gateway diff/sync on the compiled deck.yaml');
  }
  const kong = await import('../sync/kong/index.ts');
  const dbless = kong.toDbless(parse(artefact.content), io.env, redactor);
  if (!dbless.ok) return dbless;
  const observed = await kong.observeKong(dbless.value, { admin: kong.kongAdmin(opts.kongAdminUrl), tags: ownershipTags(model.name) });
  return { ok: true, value: { ...observed, normalise: kong.normaliseKong, secretFields: kong.KONG_SECRET_FIELDS, where: `Kong Admin API ${opts.kongAdminUrl}` }, warnings: [] };
};

const connectReference: Connect = async (model, artefact, opts, io, redactor) => {
  const token = opts.adminToken ?? io.env.AIGATE_ADMIN_TOKEN;
  if (opts.adminUrl === undefined || token === undefined) {
    return fail('usage', 'diff and sync for the reference target need --admin-url and --admin-token (or AIGATE_ADMIN_TOKEN)', 'aigate serve prints both when it starts');
  }
  redactor.add(token);
  // Inline values (local tests) are masked in the diff; the redactor catches them anywhere else.
  for (const secret of inlineSecretValues(model)) redactor.add(secret);
  const proxy = await import('../proxy/index.ts');
  const ref = await import('../sync/reference/index.ts');
  const bundle = proxy.loadBundle(artefact.content);
  if (!bundle.ok) return bundle;
  const observed = await ref.observeReference({ adminUrl: opts.adminUrl, token, bundle: artefact.content, gateway: model.name, hash: proxy.bundleHash(bundle.value) });
  const noPrune = warning('usage', [], '--no-prune does not apply to the reference target: a sync posts the whole bundle, so what the config no longer has is removed', 'the plan lists those objects as deletes');
  return { ok: true, value: { ...observed, normalise: (_k, v) => v, where: `reference proxy ${opts.adminUrl}`, replacesAll: true }, warnings: opts.prune ? [] : [noPrune] };
};

function fail<T>(code: Diagnostic['code'], message: string, hint?: string): Result<T> {
  return { ok: false, diagnostics: [error(code, [], message, hint)] };
}

function pick<K extends keyof LiveOptions>(o: LiveOptions, ...keys: K[]): Partial<Pick<LiveOptions, K>> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<Pick<LiveOptions, K>>;
}
