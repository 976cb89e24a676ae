/** Small hand-built models for target tests: one OpenAI provider, one model, one chat route,
 * unless the parts say otherwise. Shared by every target's tests, which may not import each other. */
import {
  MODEL_FORMAT_VERSION,
  type Balancer,
  type Consumer,
  type GatewayModel,
  type KongVersion,
  type Model,
  type Provider,
  type Route,
  type Vaults,
} from '../../src/model/index.ts';
import { DEFAULT_BALANCER, route as proxyRoute } from '../../src/proxy/testing/gateway.ts';

// Parsed output is plain JSON-like data; tests reach into it freely.
export type Doc = any;

export const openai: Provider = {
  kind: 'openai',
  name: 'openai',
  allowAuthOverride: false,
  auth: { kind: 'header', name: 'Authorization', value: { kind: 'env', name: 'OPENAI_API_KEY' } },
};

export function model(name: string, providerName: string, modelName = name, extra: Partial<Model> = {}): Model {
  return { name, kind: 'chat', provider: providerName, model: modelName, options: {}, ...extra };
}

/** The balancer the config gives a route that says nothing about balancing. */
export function defaultBalancer(models: readonly string[]): Balancer {
  return { ...DEFAULT_BALANCER, weights: Object.fromEntries(models.map((m) => [m, 100])), retries: 5 };
}

/** A chat route with the compiler's defaults; the route shape is the proxy tests' builder. */
export function route(name: string, models: readonly string[], extra: Partial<Route> = {}): Route {
  return proxyRoute(name, models, { balancer: defaultBalancer(models), ...extra });
}

export function consumer(name: string, extra: Partial<Consumer> = {}): Consumer {
  return { name, groups: [], credentials: [], policies: {}, ...extra };
}

export interface GatewayParts {
  readonly version?: KongVersion;
  readonly providers?: readonly Provider[];
  readonly models?: readonly Model[];
  readonly routes?: readonly Route[];
  readonly consumers?: readonly Consumer[];
  readonly consumerGroups?: readonly string[];
  readonly vaults?: Vaults;
}

/** A small valid model: one OpenAI provider, one model, one chat route serving the first model,
 * unless parts say otherwise. */
export function gateway(parts: GatewayParts = {}): GatewayModel {
  const models = parts.models ?? [model('gpt', 'openai', 'gpt-4o')];
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    name: 'acme',
    kong: { version: parts.version ?? '3.15' },
    providers: parts.providers ?? [openai],
    models,
    routes: parts.routes ?? [route('chat', models.slice(0, 1).map((x) => x.name))],
    consumers: parts.consumers ?? [],
    consumerGroups: (parts.consumerGroups ?? []).map((name) => ({ name, policies: {} })),
    vaults: parts.vaults ?? {},
    policies: {},
  };
}

export function withVersion(m: GatewayModel, version: KongVersion): GatewayModel {
  return { ...m, kong: { version } };
}
