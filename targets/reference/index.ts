/** The `reference` target: the bundle `aigate serve` runs. It is the model itself, versioned; the
 * proxy resolves secret references when it starts, so the bundle holds none. */
import { resultOf } from '../../src/diagnostics/index.ts';
import { toJson, type Target } from '../../src/emit/index.ts';
import { toBundle, type Feature, type PolicyKind, PROVIDER_KINDS, type SecretKind } from '../../src/model/index.ts';
import { referenceGaps } from './gaps.ts';

// The proxy resolves env and inline secrets itself; the others are read through the same
// resolver when it starts (and replaced by placeholders under --mock), so none is refused here.
const SECRET_KINDS: readonly SecretKind[] = ['env', 'inline', 'hashicorp', 'aws', 'gcp', 'azure'];

// Every policy the proxy runs (src/proxy/pipeline.ts). Not semanticGuard: matching prompts by
// meaning needs an embeddings model and a vector search the proxy does not have, and passing
// such prompts through unchecked would be worse than refusing the config.
const POLICIES: readonly PolicyKind[] = [
  'requestTransformer',
  'promptTemplates',
  'promptDecorator',
  'promptGuard',
  'cache',
  'limits',
  'responseTransformer',
  'observability',
];

const features = new Set<Feature>([
  ...PROVIDER_KINDS.map((k) => `provider:${k}` as const),
  'route:chat',
  'route:completions',
  'streaming',
  'balancing',
  'model-alias',
  'key-auth',
  'consumer-groups',
  'auth:azure-managed-identity',
  // The proxy asks for identity and decodes a compressed reply anyway (src/proxy/decode.ts).
  'streaming:gzip',
  ...SECRET_KINDS.map((k) => `secret:${k}` as const),
  ...POLICIES.map((k) => `policy:${k}` as const),
  // Counters (and cached answers) in the Redis the model names, shared by every proxy using it.
  'limits:redis',
  // Not 'cache:semantic': the proxy serves the exact-match part and says so (gaps.ts).
]);

export const referenceTarget: Target = {
  id: 'reference',
  description: "aigate's reference proxy bundle (aigate serve)",
  features,
  emit(model) {
    return resultOf([{ path: 'reference.bundle.json', content: toJson(toBundle(model)) }], referenceGaps(model));
  },
};
