/** What `aigate sync` needs from this target besides kong-ingress.yaml: every kind it writes (so a
 * kind the config no longer produces is still found and pruned), and the key-auth credential
 * Secrets its KongConsumers name, labelled as KIC expects (kgo FACTS §3), with their sources. */
import type { CredentialSecret } from '../../src/sync/index.ts';
import type { KubernetesTargetSync } from '../../src/sync/kubernetes/spec.ts';
import { kongConsumers } from './consumers.ts';
import { createIngressContext } from './context.ts';

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
    // Emitting the KongConsumers is what names their Secrets (and skips inline keys, which it refuses).
    const ctx = createIngressContext(model);
    kongConsumers(ctx);
    const { namespace } = ctx.options;
    return ctx.credentialSecrets.map(
      ({ name, credential, path }): CredentialSecret => ({
        name,
        ...(namespace !== undefined && { namespace }),
        // konghq.com/secret: Kong Operator's ControlPlanes only see Secrets carrying it (kgo FACTS §2).
        labels: { 'konghq.com/credential': credential.kind, 'konghq.com/secret': 'true' },
        entries: [{ key: 'key', ref: credential.key, path }],
      }),
    );
  },
};
