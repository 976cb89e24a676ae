/** The shape every Kubernetes object aigate writes starts with: apiVersion, kind, then metadata
 * (name, optional namespace, ownership labels, annotations), then the kind's own fields. */
import type { GatewayModel } from '../../model/index.ts';
import { ownershipLabels } from '../ownership.ts';
import type { KubernetesOptions } from './options.ts';

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
}

export interface MetaOptions {
  /** Cluster-scoped kinds (KongClusterPlugin) take no namespace. */
  readonly clusterScoped?: boolean;
  readonly annotations?: Readonly<Record<string, string>>;
}

export function objectMeta(model: GatewayModel, options: KubernetesOptions, name: string, meta: MetaOptions = {}): ObjectMeta {
  const annotations = meta.annotations && Object.keys(meta.annotations).length > 0 ? meta.annotations : undefined;
  return {
    name,
    namespace: meta.clusterScoped ? undefined : options.namespace,
    labels: ownershipLabels(model.name),
    annotations,
  };
}

/** An object with the envelope first and `body`'s fields after it, in `body`'s order. */
export function manifest<B extends object>(apiVersion: string, kind: string, metadata: ObjectMeta, body: B): Manifest & B {
  return { apiVersion, kind, metadata, ...body };
}
