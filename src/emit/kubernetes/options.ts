/** Where Kubernetes manifests go and what they attach to: the settings the Kubernetes targets need
 * that the config cannot state yet. One object, so a future `kubernetes:` config section only has
 * to change `kubernetesOptions`. */
import type { GatewayModel } from '../../model/index.ts';

export interface KubernetesOptions {
  /** `metadata.namespace` of every namespaced object; unset leaves it to `kubectl -n` or the apply context. */
  readonly namespace?: string;
  /** The Gateway API Gateway that HTTPRoutes attach to (`parentRefs`). */
  readonly gateway: { readonly name: string; readonly namespace?: string };
  /** The GatewayClass an AIGateway names; Kong Operator's Gateways use class `kong` in its samples. */
  readonly gatewayClassName: string;
  /** The class KIC ingests KongConsumers, KongConsumerGroups and KongClusterPlugins by (kgo FACTS §3). */
  readonly ingressClass: string;
}

export const DEFAULT_KUBERNETES_OPTIONS: KubernetesOptions = {
  gateway: { name: 'kong' },
  gatewayClassName: 'kong',
  ingressClass: 'kong',
};

/** The options for a model: the defaults until the config grows a `kubernetes` section, which
 * becomes `{ ...DEFAULT_KUBERNETES_OPTIONS, ...model.kubernetes }` here. */
export function kubernetesOptions(_model: GatewayModel): KubernetesOptions {
  return DEFAULT_KUBERNETES_OPTIONS;
}
