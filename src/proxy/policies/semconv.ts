/** The OpenTelemetry attribute names aigate's spans carry, pinned, because the GenAI conventions
 * are still at stability "development" and get renamed (PEERS.md §3). Copied as names, as the
 * semantic-conventions package advises for unstable conventions, instead of importing its
 * incubating entry point, which already marks these as moved to semantic-conventions-genai.
 *
 * Pinned to semantic conventions v1.41.0, the last release before the GenAI conventions moved to
 * open-telemetry/semantic-conventions-genai (2026-05-05). `gen_ai.provider.name` (replacing the
 * deprecated `gen_ai.system`) and its values such as `aws.bedrock` date from v1.37.0;
 * `gen_ai.request.stream` from v1.41.0. The deprecated names (`gen_ai.system`,
 * `gen_ai.usage.prompt_tokens`/`completion_tokens`) are never emitted. */

export const GENAI_SEMCONV_VERSION = '1.41.0';
export const SCHEMA_URL = `https://opentelemetry.io/schemas/${GENAI_SEMCONV_VERSION}`;

export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestTopK: 'gen_ai.request.top_k',
  requestStream: 'gen_ai.request.stream',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
} as const;

/** Stable conventions (HTTP, server, error). */
export const STABLE = {
  errorType: 'error.type',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  httpStatusCode: 'http.response.status_code',
  serviceName: 'service.name',
} as const;

/**
 * Gateway extras, in our own namespace as PEERS.md §3 advises (not `gen_ai.*`). Kong EE's
 * equivalents are `kong.gen_ai.llm.cost` and `kong.gen_ai.cache.status` (FACTS §2.9).
 */
export const AIGATE = {
  cost: 'aigate.gen_ai.llm.cost',
  cacheStatus: 'aigate.gen_ai.cache.status',
  route: 'aigate.route',
  consumer: 'aigate.consumer',
  attempt: 'aigate.attempt',
} as const;
