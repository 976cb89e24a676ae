/** What `aigate sync` needs from this target besides kong-operator.yaml: the AIGateway kind (for
 * pruning), and the cloud credentials Secret it names: one key per provider kind, the bare API key
 * (the controller adds "Bearer " itself), labelled konghq.com/secret so Kong Operator sees it. */
import { kubernetesOptions } from '../../src/emit/kubernetes/index.ts';
import type { CredentialSecret } from '../../src/sync/index.ts';
import type { KubernetesTargetSync } from '../../src/sync/kubernetes/spec.ts';
import { createOperatorContext } from './context.ts';
import { aiGateway } from './emit.ts';

export const kongOperatorSync: KubernetesTargetSync = {
  kinds: [{ apiVersion: 'gateway-operator.konghq.com/v1alpha1', kind: 'AIGateway' }],
  credentialSecrets(model) {
    // Building the AIGateway is what decides which provider's key goes under which Secret key.
    const ctx = createOperatorContext(model);
    aiGateway(ctx);
    const { namespace } = kubernetesOptions(model);
    const credentials = [...ctx.credentials.values()].sort((a, b) => a.key.localeCompare(b.key));
    if (credentials.length === 0) return [];
    const secret: CredentialSecret = {
      name: ctx.credentialsSecret,
      ...(namespace !== undefined && { namespace }),
      labels: { 'konghq.com/secret': 'true' },
      entries: credentials.map((c) => ({ key: c.key, ref: c.ref, path: c.path, stripBearer: true })),
    };
    return [secret];
  },
};
