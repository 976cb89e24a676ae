/** Test helper: small gateway models and bundles built in code, with the defaults a compiled config
 * would have, so each test states only what it is about. */
import {
  MODEL_FORMAT_VERSION,
  toBundle,
  type Balancer,
  type Consumer,
  type ConsumerGroup,
  type GatewayModel,
  type Model,
  type Policies,
  type Provider,
  type RedisSettings,
  type ReferenceBundle,
  type Route,
} from '../../model/index.ts';

/** The compiler's balancer defaults, except no retries and no weights (equal shares), so a failing
 * upstream fails a test once instead of being retried; tests that need more say so. */
export const DEFAULT_BALANCER: Balancer = {
  algorithm: 'round-robin',
  weights: {},
  retries: 0,
  failover: ['error', 'timeout'],
  connectTimeoutMs: 60_000,
  readTimeoutMs: 60_000,
  writeTimeoutMs: 60_000,
  latency: 'tpot',
  usage: 'total-tokens',
};

export function route(name: string, models: readonly string[], extra: Partial<Route> = {}): Route {
  return {
    name,
    paths: [`/${name}`],
    type: 'chat',
    models,
    balancer: DEFAULT_BALANCER,
    policies: {},
    streaming: 'allow',
    logging: { statistics: true, payloads: false },
    modelNameHeader: true,
    ...extra,
  };
}

export function model(name: string, provider: string, extra: Partial<Model> = {}): Model {
  return { name, kind: 'chat', provider, model: name, options: {}, ...extra };
}

export function consumer(name: string, envVar: string, groups: readonly string[] = [], policies: Policies = {}): Consumer {
  return { name, groups, credentials: [{ kind: 'key-auth', key: { kind: 'env', name: envVar } }], policies };
}

export const KEY_AUTH = { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: true, keyInBody: false } as const;

export interface GatewayParts {
  readonly name?: string;
  readonly providers: readonly Provider[];
  readonly models: readonly Model[];
  readonly routes: readonly Route[];
  readonly consumers?: readonly Consumer[];
  readonly consumerGroups?: readonly ConsumerGroup[];
  /** Gateway-wide policies. */
  readonly policies?: Policies;
  readonly redis?: RedisSettings;
}

export function gateway(parts: GatewayParts): GatewayModel {
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    name: parts.name ?? 'test-gateway',
    kong: { version: '3.15' },
    providers: parts.providers,
    models: parts.models,
    routes: parts.routes,
    consumers: parts.consumers ?? [],
    consumerGroups: parts.consumerGroups ?? [],
    vaults: {},
    policies: parts.policies ?? {},
    ...(parts.redis && { redis: parts.redis }),
  };
}

export function bundle(parts: GatewayParts): ReferenceBundle {
  return toBundle(gateway(parts));
}
