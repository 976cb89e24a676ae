/** What a Kubernetes target tells the sync besides its manifests: every kind it can write (so
 * objects of a kind the config no longer produces are still found and pruned) and the credential
 * Secrets its objects name. Types only, so targets can declare it without loading a client. */
import type { GatewayModel } from '../../model/index.ts';
import type { CredentialSecret } from '../secrets.ts';

export interface KubernetesKind {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface KubernetesTargetSync {
  /** Every kind the target writes, in any config; Secrets are added by `--apply-secrets`. */
  readonly kinds: readonly KubernetesKind[];
  /** The Secrets the target's objects reference, with where each value comes from. */
  credentialSecrets(model: GatewayModel): readonly CredentialSecret[];
}
