/** The one feature vocabulary: targets declare what they can express with it, conformance cases
 * say what they need with it, and `usedFeatures` says what a config uses. */
import type { GatewayModel, ProviderKind } from './gateway.ts';
import type { PathSegment } from '../diagnostics/index.ts';
import type { SecretKind } from './secret.ts';

export type Feature =
  | `provider:${ProviderKind}`
  | 'route:chat'
  | 'route:completions'
  | 'streaming'
  | 'balancing'
  | 'model-alias'
  | 'key-auth'
  | 'consumer-groups'
  | 'auth:azure-managed-identity'
  | `secret:${SecretKind}`;

export interface FeatureUse {
  readonly feature: Feature;
  readonly path: readonly PathSegment[];
  readonly what: string;
}

/** Every feature the model uses, each at the first path where it is used. */
export function usedFeatures(m: GatewayModel): FeatureUse[] {
  const uses = new Map<Feature, FeatureUse>();
  const use = (feature: Feature, path: readonly PathSegment[], what: string) => {
    if (!uses.has(feature)) uses.set(feature, { feature, path, what });
  };
  for (const p of m.providers) {
    use(`provider:${p.kind}`, ['providers', p.name, 'kind'], `provider kind "${p.kind}"`);
    if (p.auth?.kind === 'azure-managed-identity') use('auth:azure-managed-identity', ['providers', p.name, 'auth'], 'Azure managed identity');
  }
  for (const md of m.models) if (md.alias !== undefined) use('model-alias', ['models', md.name, 'alias'], 'model aliases');
  for (const r of m.routes) {
    use(`route:${r.type}`, ['routes', r.name, 'type'], `${r.type} routes`);
    if (r.streaming !== 'deny') use('streaming', ['routes', r.name, 'streaming'], 'streaming responses');
    if (r.models.length > 1) use('balancing', ['routes', r.name, 'models'], 'several models on one route');
    if (r.keyAuth) use('key-auth', ['routes', r.name, 'auth'], 'key authentication');
  }
  for (const c of m.consumers) if (c.groups.length > 0) use('consumer-groups', ['consumers', c.name, 'groups'], 'consumer groups');
  return [...uses.values()];
}
