/** The Kubernetes adapter: kubeconfig, the API calls, observing and applying, credential Secrets.
 * Loaded only when a Kubernetes target is synced (it pulls in @kubernetes/client-node). */
export * from './kubeconfig.ts';
export * from './client.ts';
export * from './adapter.ts';
export * from './normalise.ts';
export * from './secrets.ts';
export type * from './spec.ts';
