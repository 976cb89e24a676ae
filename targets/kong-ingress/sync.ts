/** What `aigate sync` needs from this target besides kong-ingress.yaml: every kind it writes (so a
 * kind the config no longer produces is still found and pruned), and the key-auth credential
 * Secrets its KongConsumers name, labelled as KIC expects (kgo FACTS §3), with their sources. */
import { kubernetesOptions } from '../../src/emit/kubernetes/index.ts';
import type { CredentialSecret } from '../../src/sync/index.ts';
import type { KubernetesTargetSync } from '../../src/sync/kubernetes/spec.ts';
import { credentialSecretName } from './names.ts';

export const kongIngressSync: KubernetesTargetSync = {
  kinds: [
    { apiVersion: 'configuration.konghq.com/v1beta1', kind: 'KongConsumerGroup' },
    { apiVersion: 'configuration.konghq.com/v1', kind: 'KongConsumer' },
    { apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin' },
    { apiVersion: 'configuration.konghq.com/v1', kind: 'KongClusterPlugin' },
    { apiVersion: 'v1', kind: 'Service' },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' },
  ],
  credentialSecrets(model) {
    const { namespace } = kubernetesOptions(model);
    return model.consumers.flatMap((c) =>
      c.credentials.flatMap((cred, i): CredentialSecret[] =>
        // Inline keys are refused when the target emits; they never become a Secret.
        cred.key.kind === 'inline'
          ? []
          : [
              {
                name: credentialSecretName(model.name, c.name, i),
                ...(namespace !== undefined && { namespace }),
                // konghq.com/secret: Kong Operator's ControlPlanes only see Secrets carrying it (kgo FACTS §2).
                labels: { 'konghq.com/credential': cred.kind, 'konghq.com/secret': 'true' },
                entries: [{ key: 'key', ref: cred.key, path: ['consumers', c.name, 'keys', i] }],
              },
            ],
      ),
    );
  },
};
