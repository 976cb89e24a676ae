/** What the kong-ingress target can express, in the shared feature vocabulary. */
import type { Feature } from '../../src/model/index.ts';

/**
 * Every feature, with whether Kong Ingress Controller manifests can carry it. A full record, so a
 * new feature in the vocabulary fails type-checking here until someone decides.
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
  'secret:aws': true,
  'secret:gcp': true,
  // Kong resolves these through a vault entity, which KIC declares with a KongVault resource
  // that this target does not write yet.
  'secret:hashicorp': false,
  'secret:azure': false,
  // A literal secret would end up in a manifest meant for git.
  'secret:inline': false,
  // AI policies, as KongPlugins and KongClusterPlugins with the deck target's configs; what one
  // version or scope cannot take is reported by the shared Kong layer at its path.
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
  // The same Kong as deck (Kong/kong PR #14893).
  'streaming:gzip': true,
} as const satisfies Record<Feature, boolean>;

export const KONG_INGRESS_FEATURES: ReadonlySet<Feature> = new Set((Object.keys(SUPPORT) as Feature[]).filter((f) => SUPPORT[f]));
