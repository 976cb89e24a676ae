/** Merging a model's configured options (max_tokens, temperature, top_p, top_k) into the client's
 * request, before any provider translation. */
import type { ModelOptions } from '../../model/index.ts';
import { compact } from './json.ts';
import type { JsonObject } from './types.ts';

/**
 * Kong 3.10 rule (`kong/llm/drivers/shared.lua` `merge_config_defaults`): each option is
 * `options.X or request.X`, so **the configured value wins over the client's**, and the client's
 * value is used only when the config leaves the option unset. The 3.15 docs describe the reverse
 * for ai-proxy-advanced; we follow the 3.10 source because it is the behaviour we can read.
 */
export function mergeModelOptions(body: Readonly<JsonObject>, options: ModelOptions): JsonObject {
  return compact({
    ...body,
    temperature: options.temperature ?? body.temperature,
    max_tokens: options.maxTokens ?? body.max_tokens,
    top_p: options.topP ?? body.top_p,
    top_k: options.topK ?? body.top_k,
  });
}
