/** What the kong-operator target can express, in the shared feature vocabulary: little, because
 * an AIGateway only names a model, a provider and a prompt type per route (kgo FACTS §1–2). */
import type { Feature } from '../../src/model/index.ts';

/**
 * Every feature, with whether an AIGateway can carry it. A full record, so a new feature in the
 * vocabulary fails type-checking here until someone decides. The emitter reports each use of an
 * unsupported feature itself, at the same path, with a hint pointing to kong-ingress.
 */
const SUPPORT = {
  'provider:openai': true,
  'provider:cohere': true,
  // The CRD names these, but the controller writes none of the options Kong requires for them.
  'provider:azure': false,
  'provider:mistral': false,
  'provider:anthropic': false,
  'provider:llama2': false,
  'provider:gemini': false,
  'provider:bedrock': false,
  'provider:ollama': false,
  'provider:openai-compatible': false,
  'route:chat': true,
  'route:completions': true,
  // Kong's default `allow` only: the controller writes no response_streaming.
  streaming: true,
  balancing: false,
  'model-alias': false,
  'key-auth': false,
  'consumer-groups': false,
  'auth:azure-managed-identity': false,
  // The credentials Secret is filled from the reference when it is created, whatever its kind.
  'secret:env': true,
  'secret:hashicorp': true,
  'secret:aws': true,
  'secret:gcp': true,
  'secret:azure': true,
  'secret:inline': false,
  // AI policies: not emitted yet.
  'policy:requestTransformer': false,
  'policy:promptTemplates': false,
  // A route's prepended prompts become defaultPrompts; gaps.ts reports the rest.
  'policy:promptDecorator': true,
  'policy:promptGuard': false,
  'policy:semanticGuard': false,
  'policy:cache': false,
  'policy:limits': false,
  'policy:responseTransformer': false,
  'policy:observability': false,
  'cache:semantic': false,
  'limits:redis': false,
  // Runs on the same Kong: a gzip-encoded provider stream is decoded (Kong/kong PR #14893).
  'streaming:gzip': true,
} as const satisfies Record<Feature, boolean>;

export const KONG_OPERATOR_FEATURES: ReadonlySet<Feature> = new Set((Object.keys(SUPPORT) as Feature[]).filter((f) => SUPPORT[f]));
