/** Kong plugins as KIC resources, with configs from the shared Kong layer (the same configs the
 * deck target writes): KongPlugins for a route (key-auth, the AI proxy, its policies), a consumer
 * or a consumer group, each listed in its owner's `konghq.com/plugins`; KongClusterPlugins,
 * labelled `global: "true"`, for the gateway-wide policies. */
import { manifest, objectMeta } from '../../src/emit/kubernetes/index.ts';
import { aiProxyPlugin, keyAuthPlugin, policyPlugins, type KongPlugin, type ScopeRef } from '../../src/emit/kong/index.ts';
import type { Route } from '../../src/model/index.ts';
import type { IngressContext } from './context.ts';
import type { KongClusterPluginObject, KongPluginObject } from './kic-types.ts';
import { consumerPluginName, globalPluginName, groupPluginName, pluginName } from './names.ts';

export function routePlugins(ctx: IngressContext, route: Route): KongPluginObject[] {
  const plugins: KongPlugin[] = [];
  if (route.keyAuth) plugins.push(keyAuthPlugin(route.keyAuth));
  const proxy = aiProxyPlugin(ctx, route);
  if (proxy) plugins.push(proxy);
  plugins.push(...policyPlugins(ctx, { scope: 'route', route }));
  return plugins.map((p) => kongPlugin(ctx, pluginName(ctx.model.name, route.name, p.name), p));
}

/** A consumer's or consumer group's policy plugins. */
export function ownerPlugins(ctx: IngressContext, s: ScopeRef & { readonly scope: 'consumer' | 'consumer-group' }): KongPluginObject[] {
  const name = s.scope === 'consumer' ? consumerPluginName : groupPluginName;
  return policyPlugins(ctx, s).map((p) => kongPlugin(ctx, name(ctx.model.name, s.name, p.name), p));
}

export function globalPlugins(ctx: IngressContext): KongClusterPluginObject[] {
  return policyPlugins(ctx, { scope: 'global' }).map((p) => {
    const meta = objectMeta(ctx.model, ctx.options, globalPluginName(ctx.model.name, p.name), {
      clusterScoped: true,
      // KIC ingests KongClusterPlugins of its own class only.
      annotations: { 'kubernetes.io/ingress.class': ctx.options.ingressClass },
    });
    // Without this label KIC attaches a KongClusterPlugin nowhere (kgo FACTS §3).
    const metadata = { ...meta, labels: { ...meta.labels, global: 'true' } };
    return manifest('configuration.konghq.com/v1', 'KongClusterPlugin', metadata, { plugin: p.name, config: p.config });
  });
}

function kongPlugin(ctx: IngressContext, name: string, p: KongPlugin): KongPluginObject {
  // KongPlugin is not filtered by ingress class (kgo FACTS §3), so it carries no class annotation.
  const metadata = objectMeta(ctx.model, ctx.options, name);
  return manifest('configuration.konghq.com/v1', 'KongPlugin', metadata, { plugin: p.name, config: p.config });
}
