/** The Kubernetes objects this target writes, as TypeScript types: Kong Ingress Controller CRDs
 * (KongPlugin, KongClusterPlugin, KongConsumer, KongConsumerGroup), Gateway API HTTPRoute and a core Service. Field
 * names follow the vendored CRDs in schema/vendor/kgo/; undefined fields are dropped on output. */
import type { Manifest } from '../../src/emit/kubernetes/index.ts';

/** `configuration.konghq.com/v1` KongPlugin: its fields sit at the top level, there is no `spec`. */
export interface KongPluginObject extends Manifest {
  readonly plugin: string;
  readonly config: object;
}

/** `configuration.konghq.com/v1` KongClusterPlugin: a cluster-scoped KongPlugin; KIC runs it on
 * every route when it carries the label `global: "true"` (kgo FACTS §3). */
export interface KongClusterPluginObject extends Manifest {
  readonly plugin: string;
  readonly config: object;
}

/** `configuration.konghq.com/v1` KongConsumer: top-level fields too. */
export interface KongConsumerObject extends Manifest {
  readonly username: string;
  readonly custom_id?: string;
  /** KongConsumerGroup object names. */
  readonly consumerGroups?: readonly string[];
  /** Names of credential Secrets in the same namespace. */
  readonly credentials?: readonly string[];
}

/** `configuration.konghq.com/v1beta1` KongConsumerGroup; KIC names the Kong group after metadata.name. */
export type KongConsumerGroupObject = Manifest;

export interface PathMatch {
  readonly path: { readonly type: 'PathPrefix' | 'RegularExpression'; readonly value: string };
}

/** `gateway.networking.k8s.io/v1` HTTPRoute. */
export interface HttpRouteObject extends Manifest {
  readonly spec: {
    readonly parentRefs: readonly { readonly name: string; readonly namespace?: string }[];
    readonly rules: readonly {
      readonly matches: readonly PathMatch[];
      readonly backendRefs: readonly { readonly name: string; readonly port: number }[];
    }[];
  };
}

/** Core `v1` Service, only as the placeholder backend HTTPRoutes need. */
export interface ServiceObject extends Manifest {
  readonly spec: {
    readonly type: 'ExternalName';
    readonly externalName: string;
    readonly ports: readonly { readonly name: string; readonly port: number; readonly protocol: 'TCP' }[];
  };
}

export type KicObject = KongPluginObject | KongClusterPluginObject | KongConsumerObject | KongConsumerGroupObject | HttpRouteObject | ServiceObject;
