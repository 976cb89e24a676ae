/** What the kong-ingress emitters share: the shared Kong context (model, diagnostics, Kong's env),
 * the Kubernetes options, and the credential Secrets consumers reference (listed, never written). */
import type { PathSegment } from '../../src/diagnostics/index.ts';
import { createKongContext, type KongContext } from '../../src/emit/kong/index.ts';
import { kubernetesOptions, type KubernetesOptions } from '../../src/emit/kubernetes/index.ts';
import type { Credential, GatewayModel } from '../../src/model/index.ts';

export const TARGET_ID = 'kong-ingress';

/** A Secret a KongConsumer names in `credentials`; it must exist before KIC can use the key. */
export interface CredentialSecret {
  readonly name: string;
  readonly consumer: string;
  /** The consumer's credential: its kind (the Secret's `konghq.com/credential` label) and where the key comes from. */
  readonly credential: Credential;
  /** The config path of the key. */
  readonly path: readonly PathSegment[];
}

export interface IngressContext extends KongContext {
  readonly options: KubernetesOptions;
  readonly credentialSecrets: CredentialSecret[];
}

// KIC declares Kong vaults with a KongVault resource, whose CRD is not vendored here, so this
// target cannot write the vault HashiCorp and Azure references need.
const VAULT_HINT =
  'use an env, aws or gcp secret reference, or compile with --target deck (KIC needs a KongVault resource for this vault, which aigate does not write yet)';

export function createIngressContext(model: GatewayModel): IngressContext {
  const kong = createKongContext(model, TARGET_ID, { vaults: { declared: false, hint: VAULT_HINT } });
  return { ...kong, options: kubernetesOptions(model), credentialSecrets: [] };
}
