/** Secret resolution when a configuration is loaded: every reference in the bundle is read once,
 * before the proxy serves it, so a missing variable fails the start (or the reload), never a
 * request. Messages name the reference, never its value. */
import { error, type Diagnostic, type PathSegment, type Result } from '../diagnostics/index.ts';
import { describeSecret, type GatewayModel, type Policies, type Provider, type SecretRef } from '../model/index.ts';

/** What a provider credential becomes under --mock when it cannot be read: the mocks accept anything. */
export const MOCK_CREDENTIAL = 'aigate-mock-credential';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface SecretOptions {
  /** Serving against the mock providers: unreadable provider credentials become `MOCK_CREDENTIAL`. */
  readonly mock: boolean;
  /** @default process.env, read once */
  readonly env?: Environment;
}

export interface ResolvedSecrets {
  /** For the translators: a reference from the bundle, or the gateway's own AWS variables. */
  readonly resolve: (ref: SecretRef) => string;
  /** API key → consumer name. */
  readonly consumerKeys: ReadonlyMap<string, string>;
}

/** Secrets that are used for real under --mock too, and why. */
const REAL_EVEN_WITH_MOCK: Readonly<Record<string, string>> = {
  consumers: ' (consumer keys are checked for real, even with --mock)',
  redis: ' (Redis is used for real, even with --mock)',
};

const UNSUPPORTED = 'the reference proxy reads env and inline secrets; run with --mock or use env references';

export function resolveSecrets(gateway: GatewayModel, options: SecretOptions): Result<ResolvedSecrets> {
  const env = options.env ?? { ...process.env };
  const diagnostics: Diagnostic[] = [];
  const values = new Map<SecretRef, string>();

  const read = (ref: SecretRef, path: readonly PathSegment[], placeholder: boolean): string | undefined => {
    switch (ref.kind) {
      case 'inline':
        return ref.value;
      case 'env': {
        const v = env[ref.name];
        if (v !== undefined) return v;
        if (placeholder) return MOCK_CREDENTIAL;
        diagnostics.push(
          error(
            'secret_reference_invalid',
            path,
            `environment variable ${ref.name} is not set`,
            placeholder ? undefined : `set ${ref.name} before starting the proxy${REAL_EVEN_WITH_MOCK[String(path[0])] ?? ', or run with --mock'}`,
          ),
        );
        return undefined;
      }
      case 'hashicorp':
      case 'aws':
      case 'gcp':
      case 'azure':
        if (placeholder) return MOCK_CREDENTIAL;
        diagnostics.push(error('secret_reference_invalid', path, `${describeSecret(ref)}: ${UNSUPPORTED}`));
        return undefined;
    }
  };
  const provider = (ref: SecretRef | undefined, path: readonly PathSegment[]) => {
    if (ref === undefined) return;
    const v = read(ref, path, options.mock);
    if (v !== undefined) values.set(ref, v);
  };

  for (const p of gateway.providers) {
    const at = ['providers', p.name, 'auth'];
    const a = p.auth;
    if (a?.kind === 'header' || a?.kind === 'param') provider(a.value, [...at, 'value']);
    if (a?.kind === 'aws') {
      provider(a.accessKeyId, [...at, 'aws', 'accessKeyId']);
      provider(a.secretAccessKey, [...at, 'aws', 'secretAccessKey']);
    }
    if (!options.mock) diagnostics.push(...identityProblems(p, env));
  }

  // Redis is real even with --mock (limits shared by several proxies need one), so its password
  // must resolve; a collector header under --mock becomes a placeholder like a provider key.
  const redisPassword = gateway.redis?.password;
  if (redisPassword !== undefined) {
    const v = read(redisPassword, ['redis', 'password'], false);
    if (v !== undefined) values.set(redisPassword, v);
  }
  for (const { at, policies } of observabilityScopes(gateway)) {
    for (const [name, ref] of Object.entries(policies?.observability?.opentelemetry?.headers ?? {})) {
      provider(ref, [...at, 'policies', 'observability', 'opentelemetry', 'headers', name]);
    }
  }

  const consumerKeys = new Map<string, string>();
  for (const c of gateway.consumers) {
    c.credentials.forEach((cred, i) => {
      const path = ['consumers', c.name, 'keys', i];
      const key = read(cred.key, path, false);
      if (key === undefined) return;
      if (key === '') return void diagnostics.push(error('secret_reference_invalid', path, `the key ${describeSecret(cred.key)} of consumer "${c.name}" is empty`));
      const owner = consumerKeys.get(key);
      if (owner !== undefined && owner !== c.name) {
        return void diagnostics.push(error('duplicate_name', path, `consumer "${c.name}" has the same API key as consumer "${owner}"`, 'give every consumer its own key'));
      }
      consumerKeys.set(key, c.name);
    });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  const resolve = (ref: SecretRef): string => {
    const known = values.get(ref);
    if (known !== undefined) return known;
    // Only Bedrock's "use the gateway's AWS environment" asks for a reference not in the bundle.
    if (ref.kind === 'env') {
      const v = env[ref.name];
      if (v !== undefined) return v;
      if (options.mock) return MOCK_CREDENTIAL;
    }
    throw new Error(`secret ${describeSecret(ref)} is not available`);
  };
  return { ok: true, value: { resolve, consumerKeys }, warnings: [] };
}

/** Credentials the proxy would have to fetch from a cloud at run time, which it does not do. */
function identityProblems(p: Provider, env: Environment): Diagnostic[] {
  const at = ['providers', p.name, 'auth'];
  switch (p.auth?.kind) {
    case 'gcp-service-account':
      return [error('secret_reference_invalid', at, 'the reference proxy cannot obtain GCP service-account tokens; run with --mock or use an API key (auth.query)')];
    case 'azure-managed-identity':
      return [error('secret_reference_invalid', at, 'the reference proxy cannot obtain Azure managed-identity tokens; run with --mock or use an API key (auth.header)')];
    case undefined:
      if (p.kind !== 'bedrock') return [];
      return ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']
        .filter((name) => env[name] === undefined)
        .map((name) => error('secret_reference_invalid', at, `provider "${p.name}" has no AWS keys and environment variable ${name} is not set`, 'set auth.aws, export the AWS variables, or run with --mock'));
    default:
      return [];
  }
}

/** Every scope that may carry an observability policy, with its config path. */
function observabilityScopes(g: GatewayModel): { readonly at: readonly PathSegment[]; readonly policies: Policies | undefined }[] {
  return [
    { at: [], policies: g.policies },
    ...(g.routes ?? []).map((r) => ({ at: ['routes', r.name], policies: r.policies })),
    ...(g.consumers ?? []).map((c) => ({ at: ['consumers', c.name], policies: c.policies })),
    ...(g.consumerGroups ?? []).map((c) => ({ at: ['consumerGroups', c.name], policies: c.policies })),
  ];
}
