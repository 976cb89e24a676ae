/** The policy engines of one loaded configuration, built once when it loads (a reload builds new
 * ones): the scope resolver, the limiter, the response cache, a tracer per observability policy
 * that exports traces, and the Redis connection limits and cache share when the model names one.
 * Engines a configuration does not use are not built, so a gateway without policies pays nothing. */
import type { Redis } from 'ioredis';
import type { GatewayModel, ObservabilityPolicy, Policies, PromptGuardPolicy, SecretRef } from '../model/index.ts';
import {
  checkPrompt,
  connectRedis,
  createLimiter,
  createPolicyResolver,
  createRedisCacheStore,
  createRedisCounterStore,
  createResponseCache,
  createTracing,
  type Limiter,
  type PolicyResolver,
  type ResponseCache,
  type Tracing,
} from './policies/index.ts';
import type { CacheStore } from './policies/cache-store.ts';
import type { CounterStore } from './policies/limits/store.ts';

/** In-memory stores that outlive reloads, so a config push neither resets every limit nor loses
 * the cache (cache keys carry the bundle's hash, so answers never cross configurations). */
export interface MemoryStores {
  readonly counters: CounterStore;
  readonly cache: CacheStore;
}

export interface PolicyRuntimeOptions {
  readonly stores: MemoryStores;
  readonly resolveSecret: (ref: SecretRef) => string;
  /** Use the model's Redis for limits and cache. @default true */
  readonly redis?: boolean;
}

export interface PolicyRuntime {
  /** Some scope of the model sets a policy; when false, every request skips resolution. */
  readonly any: boolean;
  readonly resolver: PolicyResolver;
  readonly limiter?: Limiter;
  readonly cache?: ResponseCache;
  /** Counters and cache live in Redis (shared with other proxies). */
  readonly shared: boolean;
  /** The tracer of an observability policy that exports traces, if it does. */
  tracingFor(policy: ObservabilityPolicy): Tracing | undefined;
  /** Closes the Redis connection and flushes and stops the tracers. */
  dispose(): Promise<void>;
}

/** Every scope's policies, global first. Hand-made bundles may lack the lists; treat them as empty. */
function allScopes(g: GatewayModel): Policies[] {
  return [g.policies ?? {}, ...(g.routes ?? []).map((r) => r.policies ?? {}), ...(g.consumers ?? []).map((c) => c.policies ?? {}), ...(g.consumerGroups ?? []).map((c) => c.policies ?? {})];
}

// A guard's patterns are compiled (and RE2's slow first run made, regex.ts) on first use; using
// them once at load keeps that cost off the first request and off the event loop under traffic.
const WARM_UP = { messages: [{ role: 'user', content: 'warm up the prompt guard patterns' }] };
function warmGuard(policy: PromptGuardPolicy): void {
  checkPrompt(policy, WARM_UP);
}

export function createPolicyRuntime(g: GatewayModel, options: PolicyRuntimeOptions): PolicyRuntime {
  const scopes = allScopes(g);
  const any = scopes.some((p) => Object.values(p).some((v) => v !== undefined));
  const resolver = createPolicyResolver({ policies: g.policies ?? {}, consumers: g.consumers ?? [], consumerGroups: g.consumerGroups ?? [] });
  const usesLimits = scopes.some((p) => p.limits !== undefined);
  const usesCache = scopes.some((p) => p.cache !== undefined);
  for (const p of scopes) if (p.promptGuard) warmGuard(p.promptGuard);

  let redis: Redis | undefined;
  if (g.redis && (usesLimits || usesCache) && options.redis !== false) {
    redis = connectRedis(g.redis, g.redis.password && options.resolveSecret(g.redis.password));
    // Failures surface per request (limits fail open, the cache misses); without a listener
    // ioredis would print every reconnect attempt.
    redis.on('error', () => {});
  }
  // Several gateways may share one Redis; each keeps its own counters and answers.
  const prefix = `aigate:${g.name}:`;
  const limiter = usesLimits ? createLimiter({ store: redis ? createRedisCounterStore(redis) : options.stores.counters, prefix: `${prefix}rl:` }) : undefined;
  const cache = usesCache ? createResponseCache({ store: redis ? createRedisCacheStore(redis, { prefix: `${prefix}cache:` }) : options.stores.cache }) : undefined;

  const tracers = new Map<ObservabilityPolicy, Tracing>();
  for (const p of scopes) {
    const otel = p.observability?.opentelemetry;
    if (p.observability === undefined || otel?.traces === undefined || tracers.has(p.observability)) continue;
    const headers = Object.fromEntries(Object.entries(otel.headers ?? {}).map(([k, ref]) => [k, options.resolveSecret(ref)]));
    const resource = otel.resourceAttributes ?? {};
    tracers.set(
      p.observability,
      createTracing({
        serviceName: resource['service.name'] ?? 'aigate',
        // Configuring a traces endpoint means wanting traces: every one unless a rate is given.
        sampleRate: otel.sampleRate ?? 1,
        endpoint: otel.traces,
        headers,
        resourceAttributes: resource,
      }),
    );
  }

  return {
    any,
    resolver,
    ...(limiter && { limiter }),
    ...(cache && { cache }),
    shared: redis !== undefined,
    tracingFor: (policy) => (tracers.size === 0 ? undefined : tracers.get(policy)),
    async dispose() {
      await Promise.allSettled([...tracers.values()].map((t) => t.shutdown()));
      redis?.disconnect();
    },
  };
}
