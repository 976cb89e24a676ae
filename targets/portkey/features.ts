/** What the portkey target can express, in the shared feature vocabulary (Portkey-AI/gateway 1.15.2,
 * `src/middlewares/requestValidator/schema/config.ts` and the default plugins). */
import type { Feature } from '../../src/model/index.ts';

/**
 * Every feature, with whether a Portkey config can carry it. A full record, so a new feature in
 * the vocabulary fails type-checking here until someone decides. Partial support is `true` here and
 * the emitter reports the part it cannot write, at its path.
 */
const SUPPORT = {
  'provider:openai': true,
  'provider:azure': true,
  'provider:anthropic': true,
  'provider:cohere': true,
  'provider:mistral': true,
  // The openai and ollama formats; the raw (text-generation) format has no Portkey provider.
  'provider:llama2': true,
  'provider:gemini': true,
  'provider:bedrock': true,
  'provider:ollama': true,
  'provider:openai-compatible': true,
  'route:chat': true,
  'route:completions': true,
  streaming: true,
  // loadbalance (weighted) and fallback (priority); the emitter refuses the other algorithms.
  balancing: true,
  // A Portkey config overrides the model it is sent with; it cannot pick a target by the name a
  // client sends, short of a conditional strategy this target does not write.
  'model-alias': false,
  // The OSS gateway authenticates no clients and knows no consumers (PEERS §1 rows 23–24).
  'key-auth': false,
  'consumer-groups': false,
  'auth:azure-managed-identity': false,
  // Keys travel in the config, which the client sends: env references become `${NAME}`
  // placeholders the client fills in. A literal would put a key in a file meant for git; Portkey
  // has no vault to read the others from.
  'secret:env': true,
  'secret:inline': false,
  'secret:hashicorp': false,
  'secret:aws': false,
  'secret:gcp': false,
  'secret:azure': false,
  // A guardrail hook with default.regexMatch checks (the latest message only).
  'policy:promptGuard': true,
  // default.addPrefix mutator hooks: prepended system messages only.
  'policy:promptDecorator': true,
  'policy:promptTemplates': false,
  'policy:requestTransformer': false,
  'policy:responseTransformer': false,
  'policy:semanticGuard': false,
  // cache.mode "simple": exact matches, in the gateway's memory.
  'policy:cache': true,
  'cache:semantic': false,
  'policy:limits': false,
  'limits:redis': false,
  'policy:observability': false,
  // Node's fetch decodes a gzip-encoded provider stream before Portkey reads it.
  'streaming:gzip': true,
} as const satisfies Record<Feature, boolean>;

export const PORTKEY_FEATURES: ReadonlySet<Feature> = new Set((Object.keys(SUPPORT) as Feature[]).filter((f) => SUPPORT[f]));
