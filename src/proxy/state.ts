/** The proxy's runtime state: everything a request needs, derived once from a bundle and never
 * mutated. A reload builds a new state and swaps the reference; requests keep the state they
 * started with, so in-flight requests finish on the configuration they began on. */
import { createHash } from 'node:crypto';
import { error, type Diagnostic, type Result } from '../diagnostics/index.ts';
import type { Consumer, FailoverCriterion, KeyAuth, Model, Provider, ProviderKind, ReferenceBundle, Route, RouteType, SecretRef } from '../model/index.ts';
import { bundleHash } from './bundle.ts';
import { NO_POLICIES } from './context.ts';
import { createLease, type Lease } from './lease.ts';
import { createMemoryStores } from './memory-stores.ts';
import { createBalancer, type EffectivePolicies, type ModelBalancer } from './policies/index.ts';
import { createPolicyRuntime, type MemoryStores, type PolicyRuntime } from './policy-runtime.ts';
import { createRouter, type Router } from './router.ts';
import { resolveSecrets, type Environment } from './secrets.ts';

/** Where a provider's requests go instead of its configured URL; `aigate serve --mock` passes one
 * that points every provider at the mock providers. */
export type UpstreamUrlFor = (provider: Provider, model: Model, routeType: RouteType, stream: boolean) => string;

export interface StateOptions {
  readonly mock: boolean;
  readonly env?: Environment;
  readonly upstreamUrlFor?: UpstreamUrlFor;
  /** Memory stores for limits and cache that outlive reloads; fresh ones when absent. */
  readonly stores?: MemoryStores;
  /** Use the model's Redis for limits and cache. @default true */
  readonly redis?: boolean;
}

/** One model a route may send a request to, with everything the proxy stage needs precomputed. */
export interface Target {
  readonly model: Model;
  /** The provider for a buffered request, and for a streamed one (they differ only when the
   * upstream URL is rewritten, since some providers' URLs say "stream"). */
  readonly provider: Provider;
  readonly streamProvider: Provider;
  /** `X-Kong-LLM-Model`: `<provider as Kong names it>/<model>`. */
  readonly modelHeader: string;
}

export interface KeyAuthRuntime extends KeyAuth {
  /** `keyNames` lower-cased, as Node hands over header names. */
  readonly headerNames: readonly string[];
}

export interface RouteRuntime {
  readonly route: Route;
  readonly targets: readonly [Target, ...Target[]];
  /** Names a client may send as `model`: each model's provider name and its alias. */
  readonly byName: ReadonlyMap<string, Target>;
  /** By the model's name in the config (what the balancer picks). */
  readonly byModel: ReadonlyMap<string, Target>;
  /** Kong's "cannot use own model - must be: …" tail. */
  readonly mustBe: string;
  readonly keyAuth?: KeyAuthRuntime;
  /** Present when the route has several models: picks the order they are tried in. */
  readonly balancer?: ModelBalancer;
  readonly failover: readonly FailoverCriterion[];
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** The route's providers as Kong names them (the 429 message lists them). */
  readonly providers: readonly string[];
  /** What cache keys are scoped by: the route and the bundle, so a reload that changes a model,
   * a decorator or a transformer never serves an answer made under the old configuration. */
  readonly cacheScope: string;
  /** The policies that apply for a consumer (or none), resolved once per consumer. */
  policiesFor(consumer: ConsumerIdentity | undefined): EffectivePolicies;
}

export interface ConsumerIdentity {
  readonly name: string;
  readonly customId?: string;
  readonly groups: readonly string[];
  /** Which of the consumer's keys was used, as a digest (limits may be kept per credential). */
  readonly credential: string;
}

export interface RuntimeState {
  readonly bundle: ReferenceBundle;
  /** sha256 of the canonical bundle JSON. */
  readonly hash: string;
  readonly name: string;
  readonly loadedAt: Date;
  readonly router: Router<RouteRuntime>;
  /** API key → the consumer it authenticates. */
  readonly consumersByKey: ReadonlyMap<string, ConsumerIdentity>;
  /** Every chat model by its config name, as a buffered chat target (the transformers call them). */
  readonly models: ReadonlyMap<string, Target>;
  readonly resolveSecret: (ref: SecretRef) => string;
  /** Cloud identity tokens: only under --mock, where any token will do. */
  readonly gcpToken?: () => Promise<string>;
  readonly azureToken?: () => Promise<string>;
  readonly policies: PolicyRuntime;
  /** Held by each request; a retired state closes its connections once the last one ends. */
  readonly lease: Lease;
}

const MOCK_TOKEN = 'aigate-mock-token';

/** Builds the state of a bundle. Its policy runtime may hold a Redis connection and tracers: whoever
 * stops using a state calls `state.lease.retire()` so they are closed. */
export function buildState(bundle: ReferenceBundle, options: StateOptions): Result<RuntimeState> {
  const g = bundle.gateway;
  const secrets = resolveSecrets(g, options.env === undefined ? { mock: options.mock } : { mock: options.mock, env: options.env });
  if (!secrets.ok) return secrets;

  const diagnostics: Diagnostic[] = [];
  const providers = new Map(g.providers.map((p) => [p.name, p]));
  const models = new Map(g.models.map((m) => [m.name, m]));
  const routes: { name: string; paths: readonly string[]; route: Route; targets: readonly [Target, ...Target[]] }[] = [];
  for (const route of g.routes) {
    const targets: Target[] = [];
    for (const name of route.models) {
      const model = models.get(name);
      const provider = model && providers.get(model.provider);
      if (!model || !provider) {
        diagnostics.push(error('unknown_reference', ['routes', route.name, 'models'], `route "${route.name}" names model "${name}", which is not in the bundle`));
        continue;
      }
      targets.push(targetFor(route.type, model, provider, options.upstreamUrlFor));
    }
    const [first, ...rest] = targets;
    if (first === undefined) continue;
    routes.push({ name: route.name, paths: route.paths, route, targets: [first, ...rest] });
  }
  // Paths are checked before the policy engines exist, so a bad bundle opens no Redis connection
  // and every problem is reported at once.
  const paths = createRouter(routes.map((r) => ({ name: r.name, paths: r.paths, value: r.name })));
  if (!paths.ok) diagnostics.push(...paths.diagnostics);
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  const policies = createPolicyRuntime(g, {
    stores: options.stores ?? createMemoryStores(),
    resolveSecret: secrets.value.resolve,
    ...(options.redis !== undefined && { redis: options.redis }),
  });
  const hash = bundleHash(bundle);
  const router = createRouter(routes.map((r) => ({ name: r.name, paths: r.paths, value: routeRuntime(r.route, r.targets, policies, hash) })));
  if (!router.ok) {
    void policies.dispose();
    return router;
  }

  const byName = new Map<string, Consumer>(g.consumers.map((c) => [c.name, c]));
  const consumersByKey = new Map<string, ConsumerIdentity>();
  for (const [key, name] of secrets.value.consumerKeys) {
    const c = byName.get(name);
    if (c === undefined) continue;
    const credential = createHash('sha256').update(key).digest('hex').slice(0, 16);
    consumersByKey.set(key, { name: c.name, groups: c.groups, credential, ...(c.customId !== undefined && { customId: c.customId }) });
  }
  const chatModels = new Map<string, Target>();
  for (const m of g.models) {
    const p = providers.get(m.provider);
    if (p && m.kind !== 'embeddings') chatModels.set(m.name, targetFor('chat', m, p, options.upstreamUrlFor));
  }
  const token = () => Promise.resolve(MOCK_TOKEN);
  return {
    ok: true,
    value: {
      bundle,
      hash,
      name: g.name,
      loadedAt: new Date(),
      router: router.value,
      consumersByKey,
      models: chatModels,
      resolveSecret: secrets.value.resolve,
      ...(options.mock && { gcpToken: token, azureToken: token }),
      policies,
      lease: createLease(() => policies.dispose()),
    },
    warnings: [],
  };
}

function targetFor(type: RouteType, model: Model, provider: Provider, rewrite: UpstreamUrlFor | undefined): Target {
  const at = (stream: boolean): Provider => (rewrite ? { ...provider, upstreamUrl: rewrite(provider, model, type, stream) } : provider);
  return { model, provider: at(false), streamProvider: at(true), modelHeader: `${kongProviderName(provider.kind)}/${model.model}` };
}

function routeRuntime(route: Route, targets: readonly [Target, ...Target[]], policies: PolicyRuntime, hash: string): RouteRuntime {
  const byName = new Map<string, Target>();
  const byModel = new Map<string, Target>();
  for (const t of targets) {
    byModel.set(t.model.name, t);
    if (!byName.has(t.model.model)) byName.set(t.model.model, t);
    if (t.model.alias !== undefined && !byName.has(t.model.alias)) byName.set(t.model.alias, t);
  }
  const names = [...new Set(targets.map((t) => t.model.model))];
  const keyAuth = route.keyAuth && { ...route.keyAuth, headerNames: route.keyAuth.keyNames.map((n) => n.toLowerCase()) };
  const b = route.balancer;
  // Resolved per consumer name once; the resolver's own memo would build a key string per request.
  const memo = new Map<string, EffectivePolicies>();
  let anonymous: EffectivePolicies | undefined;
  const policiesFor = (consumer: ConsumerIdentity | undefined): EffectivePolicies => {
    if (!policies.any) return NO_POLICIES;
    if (consumer === undefined) return (anonymous ??= policies.resolver.resolve(route));
    let found = memo.get(consumer.name);
    if (found === undefined) memo.set(consumer.name, (found = policies.resolver.resolve(route, consumer)));
    return found;
  };
  return {
    route,
    targets,
    byName,
    byModel,
    mustBe: names.length === 1 ? `must be: ${names[0]}` : `must be one of: ${names.join(', ')}`,
    ...(keyAuth && { keyAuth }),
    ...(b && byModel.size > 1 && { balancer: createBalancer(b, [...byModel.keys()]) }),
    failover: b?.failover ?? [],
    connectTimeoutMs: b?.connectTimeoutMs ?? Infinity,
    readTimeoutMs: b?.readTimeoutMs ?? Infinity,
    providers: [...new Set(targets.map((t) => kongProviderName(t.provider.kind)))],
    cacheScope: `${route.name}@${hash.slice(0, 16)}`,
    policiesFor,
  };
}

/** The provider name Kong would report: Kong reaches OpenAI-compatible services with its openai driver. */
export function kongProviderName(kind: ProviderKind): string {
  return kind === 'openai-compatible' ? 'openai' : kind;
}
