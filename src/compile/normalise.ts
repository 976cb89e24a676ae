/** Spec output → model: the one place where the user's shape and the model's shape meet. Runs only
 * on a config that passed every check, so it can trust references. */
import type {
  Consumer,
  GatewayModel,
  KeyAuth,
  Model,
  Provider,
  ProviderAuth,
  Route,
  Vaults,
} from '../model/index.ts';
import { MODEL_FORMAT_VERSION } from '../model/index.ts';
import type { GatewayConfigOutput, ProviderAuthOutput, ProviderOutput, RouteOutput } from '../spec/index.ts';
import { toBalancer, toPolicies, toRedis } from './normalise-policies.ts';
import { toSecretRef } from './secret-ref.ts';

function toAuth(a: ProviderAuthOutput | undefined): ProviderAuth | undefined {
  if (!a) return undefined;
  if (a.header !== undefined && a.value) return { kind: 'header', name: a.header, value: toSecretRef(a.value) };
  if (a.query !== undefined && a.value) return { kind: 'param', name: a.query, value: toSecretRef(a.value), location: 'query' };
  if (a.body !== undefined && a.value) return { kind: 'param', name: a.body, value: toSecretRef(a.value), location: 'body' };
  if (a.aws) return { kind: 'aws', accessKeyId: toSecretRef(a.aws.accessKeyId), secretAccessKey: toSecretRef(a.aws.secretAccessKey) };
  if (a.gcpServiceAccount !== undefined) {
    return a.gcpServiceAccount === true ? { kind: 'gcp-service-account' } : { kind: 'gcp-service-account', json: toSecretRef(a.gcpServiceAccount) };
  }
  if (a.azureManagedIdentity !== undefined) {
    const m = a.azureManagedIdentity === true ? {} : a.azureManagedIdentity;
    return {
      kind: 'azure-managed-identity',
      ...(m.clientId && { clientId: m.clientId }),
      ...(m.tenantId && { tenantId: m.tenantId }),
      ...(m.clientSecret && { clientSecret: toSecretRef(m.clientSecret) }),
    };
  }
  return undefined;
}

function toProvider(name: string, p: ProviderOutput): Provider {
  const auth = toAuth(p.auth);
  const common = { name, allowAuthOverride: p.allowAuthOverride, ...(auth && { auth }), ...(p.url && { upstreamUrl: p.url }) };
  switch (p.kind) {
    case 'openai':
    case 'cohere':
    case 'ollama':
    case 'openai-compatible':
      return { ...common, kind: p.kind };
    case 'azure':
      return { ...common, kind: 'azure', azure: { instance: p.instance, apiVersion: p.apiVersion } };
    case 'anthropic':
      return { ...common, kind: 'anthropic', anthropicVersion: p.version };
    case 'mistral':
      return { ...common, kind: 'mistral', format: p.format };
    case 'llama2':
      return { ...common, kind: 'llama2', format: p.format };
    case 'gemini':
      return { ...common, kind: 'gemini', ...(p.vertex && { vertex: p.vertex }) };
    case 'bedrock':
      return { ...common, kind: 'bedrock', region: p.region };
  }
}

function toKeyAuth(auth: RouteOutput['auth']): KeyAuth | undefined {
  if (auth === false) return undefined;
  const o = auth === true ? undefined : auth;
  return {
    keyNames: o?.keyNames ?? ['apikey'],
    hideCredentials: o?.hideCredentials ?? true,
    keyInHeader: o?.keyInHeader ?? true,
    keyInQuery: o?.keyInQuery ?? true,
    keyInBody: o?.keyInBody ?? false,
  };
}

function toRoute(name: string, r: RouteOutput, c: GatewayConfigOutput): Route {
  const entries = r.models ?? (r.model ? [r.model] : []);
  const models = entries.map((m) => (typeof m === 'string' ? m : m.model));
  // Kong rejects statistics on Anthropic completions, so the default follows what Kong can do.
  const anthropicCompletions = r.type === 'completions' && models.some((m) => c.providers[c.models[m]?.provider ?? '']?.kind === 'anthropic');
  const keyAuth = toKeyAuth(r.auth);
  return {
    name,
    paths: r.paths ?? (r.path ? [r.path] : []),
    type: r.type,
    models,
    balancer: toBalancer(r.balancer, entries),
    policies: toPolicies(r.policies, c),
    streaming: r.streaming,
    ...(keyAuth && { keyAuth }),
    logging: { statistics: r.logging.statistics ?? !anthropicCompletions, payloads: r.logging.payloads },
    modelNameHeader: r.modelNameHeader,
  };
}

function toVaults(v: GatewayConfigOutput['vaults']): Vaults {
  const h = v.hashicorp;
  return {
    ...(h && {
      hashicorp: {
        host: h.host,
        port: h.port,
        protocol: h.protocol,
        mount: h.mount,
        kv: h.kv,
        authMethod: h.authMethod,
        ...(h.token && { token: toSecretRef(h.token) }),
        ...(h.kubernetesRole && { kubernetesRole: h.kubernetesRole }),
      },
    }),
    ...(v.azure && { azure: v.azure }),
  };
}

/** Entities keep the config's order; targets and goldens rely on it being stable. */
export function normalise(c: GatewayConfigOutput): GatewayModel {
  const models: Model[] = Object.entries(c.models).map(([name, m]) => ({
    name,
    kind: m.kind,
    provider: m.provider,
    model: m.model ?? name,
    ...(m.alias && { alias: m.alias }),
    ...(m.deployment && { deployment: m.deployment }),
    options: m.options,
  }));
  const consumers: Consumer[] = Object.entries(c.consumers).map(([name, u]) => ({
    name,
    ...(u.customId && { customId: u.customId }),
    groups: u.groups,
    credentials: u.keys.map((k) => ({ kind: 'key-auth' as const, key: toSecretRef(k) })),
    policies: toPolicies(u.policies, c),
  }));
  const redis = toRedis(c.redis);
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    name: c.name,
    kong: { version: c.kong.version },
    providers: Object.entries(c.providers).map(([name, p]) => toProvider(name, p)),
    models,
    routes: Object.entries(c.routes).map(([name, r]) => toRoute(name, r, c)),
    consumers,
    consumerGroups: Object.entries(c.consumerGroups).map(([name, g]) => ({ name, policies: toPolicies(g.policies, c) })),
    vaults: toVaults(c.vaults),
    policies: toPolicies(c.policies, c),
    ...(redis && { redis }),
  };
}
