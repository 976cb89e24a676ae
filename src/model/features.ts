/** The one feature vocabulary: targets declare what they can express with it, conformance cases
 * say what they need with it, and `usedFeatures` says what a config uses. */
import type { GatewayModel, ProviderKind } from './gateway.ts';
import type { PathSegment } from '../diagnostics/index.ts';
import type { Policies, PolicyKind } from './policies.ts';
import { policyUses } from './policy-uses.ts';
import type { SecretKind, SecretRef } from './secret.ts';

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
  | `secret:${SecretKind}`
  | `policy:${PolicyKind}`
  /** The similar-prompt part of a cache (exact matches are `policy:cache`). */
  | 'cache:semantic'
  /** Limits counted in Redis, shared by several gateway nodes. */
  | 'limits:redis'
  /** Conformance only (no config uses it): a provider's gzip-encoded SSE stream is decoded and
   * translated (Kong/kong PR #14893: an empty body before the fix). */
  | 'streaming:gzip';

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
  const secret = (ref: SecretRef | undefined, path: readonly PathSegment[]) => {
    if (ref) use(`secret:${ref.kind}`, path, ref.kind === 'inline' ? 'inline secrets' : `${ref.kind} secret references`);
  };
  for (const p of m.providers) {
    use(`provider:${p.kind}`, ['providers', p.name, 'kind'], `provider kind "${p.kind}"`);
    const a = p.auth;
    const at = ['providers', p.name, 'auth'];
    if (a?.kind === 'header' || a?.kind === 'param') secret(a.value, [...at, 'value']);
    if (a?.kind === 'aws') secret(a.accessKeyId, [...at, 'aws', 'accessKeyId']);
    if (a?.kind === 'gcp-service-account') secret(a.json, [...at, 'gcpServiceAccount']);
    if (a?.kind === 'azure-managed-identity') {
      secret(a.clientSecret, [...at, 'azureManagedIdentity', 'clientSecret']);
      use('auth:azure-managed-identity', at, 'Azure managed identity');
    }
  }
  for (const md of m.models) if (md.alias !== undefined) use('model-alias', ['models', md.name, 'alias'], 'model aliases');
  for (const r of m.routes) {
    use(`route:${r.type}`, ['routes', r.name, 'type'], `${r.type} routes`);
    if (r.streaming !== 'deny') use('streaming', ['routes', r.name, 'streaming'], 'streaming responses');
    if (r.models.length > 1) use('balancing', ['routes', r.name, 'models'], 'several models on one route');
    if (r.keyAuth) use('key-auth', ['routes', r.name, 'auth'], 'key authentication');
  }
  for (const c of m.consumers) {
    if (c.groups.length > 0) use('consumer-groups', ['consumers', c.name, 'groups'], 'consumer groups');
    c.credentials.forEach((cred, i) => secret(cred.key, ['consumers', c.name, 'keys', i]));
  }
  const policies = policyUses(m);
  for (const u of policies) use(`policy:${u.kind}`, u.path, `the ${u.kind} policy`);
  // Every scope a policy can sit at: a semantic cache on a consumer must be reported like one on a route.
  const scopes: [readonly PathSegment[], Policies][] = [
    [['policies'], m.policies],
    ...m.routes.map((r): [PathSegment[], Policies] => [['routes', r.name, 'policies'], r.policies]),
    ...m.consumers.map((c): [PathSegment[], Policies] => [['consumers', c.name, 'policies'], c.policies]),
    ...m.consumerGroups.map((g): [PathSegment[], Policies] => [['consumerGroups', g.name, 'policies'], g.policies]),
  ];
  for (const [at, p] of scopes) {
    if (p.cache?.semantic) use('cache:semantic', [...at, 'cache', 'semantic'], 'semantic caching');
  }
  if (m.redis && policies.some((u) => u.kind === 'limits')) use('limits:redis', ['redis'], 'limits counted in Redis');
  return [...uses.values()];
}
