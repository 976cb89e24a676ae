/** What the kong-operator emitters share: the shared emit context (model, diagnostics tagged with
 * the target), the Kubernetes options, and the credential each provider kind takes from the Secret. */
import type { PathSegment } from '../../src/diagnostics/index.ts';
import { dnsLabel } from '../../src/emit/index.ts';
import { createKongContext, type KongContext } from '../../src/emit/kong/index.ts';
import { kubernetesOptions, type KubernetesOptions } from '../../src/emit/kubernetes/index.ts';
import type { GatewayModel, SecretRef } from '../../src/model/index.ts';
import type { CloudProviderName } from './ai-gateway-types.ts';

export const TARGET_ID = 'kong-operator';

/** Where to go for what the AIGateway cannot carry. */
export const KONG_INGRESS_HINT = 'compile with --target kong-ingress, which writes the same Kong configuration as Kubernetes objects without the AIGateway’s limits';

/** The key a provider kind reads from the credentials Secret, and where its value comes from. */
export interface ProviderCredential {
  readonly key: CloudProviderName;
  readonly provider: string;
  readonly ref: SecretRef;
  readonly path: readonly PathSegment[];
}

export interface OperatorContext extends KongContext {
  readonly options: KubernetesOptions;
  /** The Secret `spec.cloudProviderCredentials` names. */
  readonly credentialsSecret: string;
  readonly credentials: Map<CloudProviderName, ProviderCredential>;
  /** Report something the AIGateway cannot carry, pointing to kong-ingress. */
  cannot(path: readonly PathSegment[], message: string): void;
}

export function createOperatorContext(model: GatewayModel): OperatorContext {
  // No Kong config is written here, so vault support never comes into play.
  const kong = createKongContext(model, TARGET_ID);
  return {
    ...kong,
    options: kubernetesOptions(model),
    credentialsSecret: dnsLabel(model.name, 'cloud-credentials'),
    credentials: new Map(),
    cannot(path, message) {
      kong.report('unsupported_by_target', path, message, KONG_INGRESS_HINT);
    },
  };
}
