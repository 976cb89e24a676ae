/** The policy engines the reference proxy calls: pure modules that return data (a value, or a
 * reply with Kong's status and body) and never throw for a client's mistake. */
export { createPolicyResolver, SCOPE_PRECEDENCE, type Caller, type EffectivePolicies, type PolicyResolver, type ScopedPolicy } from './resolve.ts';
export { applyPromptTemplate } from './prompt-template.ts';
export { decoratePrompt } from './prompt-decorator.ts';
export { checkPrompt } from './prompt-guard.ts';
export { transformRequest, transformResponse, type CallModel, type ChatMessage, type ModelAnswer } from './transformer.ts';
export { createBalancer, type AttemptReport, type ModelBalancer, type PickContext } from './balancer.ts';
export { shouldFailover, type AttemptOutcome } from './failover.ts';
export { createLimiter, type LimitDecision, type Limiter, type LimitRequest, type LimitTicket } from './limits/limiter.ts';
export { createMemoryCounterStore } from './limits/memory-store.ts';
export { createRedisCounterStore } from './limits/redis-store.ts';
export { createResponseCache, type CacheLookup, type CacheRequest, type ResponseCache, type StreamRecorder } from './cache.ts';
export { createMemoryCacheStore, type CachedResponse } from './cache-store.ts';
export { createRedisCacheStore } from './cache-redis-store.ts';
export { createTracing, type AttemptTrace, type RequestTrace, type Tracing } from './tracing.ts';
export { connectRedis } from './redis.ts';
export { costOf, type TokenUsage } from './usage.ts';
export type { HeaderBag, HttpResponse, JsonObject } from './json.ts';
export type { Outcome, PolicyReply } from './reply.ts';
