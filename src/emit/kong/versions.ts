/** Which Kong versions can take the fields and values that not every supported version has. */
import { KONG_VERSIONS, type KongVersion } from '../../model/index.ts';

/**
 * The first Kong version the Kong targets write each of these for, read off Kong's plugin schemas
 * (`schema/vendor/kong/plugins/{3.10,3.15}/`; a test keeps this table and those files in agreement).
 *
 * Only 3.10 and 3.15 are vendored. A field missing in 3.10 but present in 3.15 is entered as 3.15
 * unless Kong's docs repository (the same commit the vendored files come from,
 * `app/_schemas/gateway/plugins/3.1x/`) shows an earlier version with it: those entries say which
 * file they were read from. Kong rejects unknown fields, so claiming a field early would produce
 * files Kong refuses. (The docs repository has 3.14 schemas with `model_alias` and `ollama`;
 * vendor 3.14 before lowering those entries.)
 */
const FIRST_VERSION = {
  /** `model.model_alias`: the name clients may send instead of the model's own. */
  'model.model_alias': '3.15',
  /** `model.provider: ollama`; older versions reach Ollama through `llama2` + `llama2_format: ollama`. */
  'provider:ollama': '3.15',
  /** `auth.azure_use_managed_identity` and its client/tenant/secret fields: already in the 3.10 schema. */
  'auth.azure_managed_identity': '3.10',
  /** ai-proxy-advanced `balancer.algorithm: least-connections` (docs `3.13/AiProxyAdvanced.json`; not in 3.12). */
  'balancer:least-connections': '3.13',
  /** ai-rate-limiting-advanced `policies[]`, with a count per limit (docs `3.14/AiRateLimitingAdvanced.json`; not in 3.13). */
  'ai-rate-limiting-advanced.policies': '3.14',
  /** opentelemetry `metrics.endpoint` with `metrics.enable_ai_metrics` (docs `3.14/Opentelemetry.json`; 3.13 has metrics without AI metrics). */
  'opentelemetry.metrics': '3.14',
  /** ai-semantic-prompt-guard's top-level `max_request_body_size`; before it, `rules.max_request_body_size` (docs `3.13/AiSemanticPromptGuard.json`). */
  'ai-semantic-prompt-guard.max_request_body_size': '3.13',
} as const satisfies Record<string, KongVersion>;

export type VersionedField = keyof typeof FIRST_VERSION;

export function firstVersionWith(field: VersionedField): KongVersion {
  return FIRST_VERSION[field];
}

export const VERSIONED_FIELDS = Object.keys(FIRST_VERSION) as VersionedField[];

export function kongHas(version: KongVersion, field: VersionedField): boolean {
  return KONG_VERSIONS.indexOf(version) >= KONG_VERSIONS.indexOf(FIRST_VERSION[field]);
}
