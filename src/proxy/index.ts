/** aigate's reference proxy: runs a compiled bundle with Kong's AI-plugin semantics (routing,
 * key-auth, the AI policies in Kong's order, ai-proxy checks, balancing and fallback, provider
 * translation, streaming), with metrics, logs, traces and an admin listener for hot reloads.
 * Imports only the model, diagnostics and npm packages. */
export { startProxy, type ProxyOptions, type ReferenceProxy } from './server.ts';
export { loadBundle, bundleHash, canonicalJson } from './bundle.ts';
export { MOCK_CREDENTIAL, resolveSecrets, type Environment, type ResolvedSecrets, type SecretOptions } from './secrets.ts';
export { buildState, kongProviderName, type RuntimeState, type StateOptions, type UpstreamUrlFor } from './state.ts';
export { createMemoryStores } from './memory-stores.ts';
export type { MemoryStores, PolicyRuntime } from './policy-runtime.ts';
export { createRouter, type Router, type RouterEntry } from './router.ts';
export { KONG_LATENCY_BUCKETS_MS, type ProxyMetrics, type RequestRecord } from './metrics.ts';
export { batchedSink, fileSink, stderrSink, type LogSink, type RequestLog } from './log.ts';
export { STAGES, type Stage, type StageResult } from './pipeline.ts';
