/** What the deck target can express, in the shared feature vocabulary. */
import type { Feature } from '../../src/model/index.ts';

/**
 * Every feature, with whether decK output can carry it. Written as a full record so that adding
 * a feature to the vocabulary fails type-checking here until someone decides.
 * `model-alias` depends on the Kong version (3.15 here); the emitter reports older versions.
 */
const SUPPORT = {
  'provider:openai': true,
  'provider:azure': true,
  'provider:anthropic': true,
  'provider:cohere': true,
  'provider:mistral': true,
  'provider:llama2': true,
  'provider:gemini': true,
  'provider:bedrock': true,
  'provider:ollama': true,
  'provider:openai-compatible': true,
  'route:chat': true,
  'route:completions': true,
  streaming: true,
  balancing: true,
  'model-alias': true,
  'key-auth': true,
  'consumer-groups': true,
  'auth:azure-managed-identity': true,
  'secret:env': true,
  'secret:hashicorp': true,
  'secret:aws': true,
  'secret:gcp': true,
  'secret:azure': true,
  // A literal secret would end up in a file meant for git.
  'secret:inline': false,
  // AI policies, as Kong plugins (src/emit/kong/policy-plugins.ts); what one version or one
  // scope cannot take is reported by the emitter at its path (e.g. a cache without semantic).
  'policy:requestTransformer': true,
  'policy:promptTemplates': true,
  'policy:promptDecorator': true,
  'policy:promptGuard': true,
  'policy:semanticGuard': true,
  'policy:cache': true,
  'policy:limits': true,
  'policy:responseTransformer': true,
  'policy:observability': true,
  'cache:semantic': true,
  'limits:redis': true,
  // Kong decodes a gzip-encoded provider stream before translating it (Kong/kong PR #14893).
  'streaming:gzip': true,
} as const satisfies Record<Feature, boolean>;

export const DECK_FEATURES: ReadonlySet<Feature> = new Set(
  (Object.keys(SUPPORT) as Feature[]).filter((f) => SUPPORT[f]),
);
