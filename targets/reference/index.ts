/** The `reference` target: the bundle `aigate serve` runs. It is the model itself, versioned; the
 * proxy resolves secret references when it starts, so the bundle holds none. */
import { resultOf } from '../../src/diagnostics/index.ts';
import { toJson, type Target } from '../../src/emit/index.ts';
import { toBundle, type Feature, PROVIDER_KINDS, type SecretKind } from '../../src/model/index.ts';

// The proxy resolves env and inline secrets itself; the others are read through the same
// resolver when it starts (and replaced by placeholders under --mock), so none is refused here.
const SECRET_KINDS: readonly SecretKind[] = ['env', 'inline', 'hashicorp', 'aws', 'gcp', 'azure'];

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
  ...SECRET_KINDS.map((k) => `secret:${k}` as const),
]);

export const referenceTarget: Target = {
  id: 'reference',
  description: "aigate's reference proxy bundle (aigate serve)",
  features,
  emit(model) {
    return resultOf([{ path: 'reference.bundle.json', content: toJson(toBundle(model)) }], []);
  },
};
