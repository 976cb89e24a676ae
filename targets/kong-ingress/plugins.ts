/** A route's Kong plugins as KongPlugin resources (key-auth, then ai-proxy or ai-proxy-advanced),
 * with configs from the shared Kong layer: the same configs the deck target writes. */
import { manifest, objectMeta } from '../../src/emit/kubernetes/index.ts';
import { aiProxyPlugin, keyAuthPlugin, reportBalancerGaps, type KongPlugin } from '../../src/emit/kong/index.ts';
import type { Route } from '../../src/model/index.ts';
import type { IngressContext } from './context.ts';
import type { KongPluginObject } from './kic-types.ts';
import { pluginName } from './names.ts';

export function routePlugins(ctx: IngressContext, route: Route): KongPluginObject[] {
  const plugins: KongPlugin[] = [];
  if (route.keyAuth) plugins.push(keyAuthPlugin(route.keyAuth));
  const proxy = aiProxyPlugin(ctx, route);
  if (proxy) plugins.push(proxy);
  reportBalancerGaps(ctx, route);
  return plugins.map((p) => kongPlugin(ctx, route, p));
}

function kongPlugin(ctx: IngressContext, route: Route, p: KongPlugin): KongPluginObject {
  // KongPlugin is not filtered by ingress class (kgo FACTS §3), so it carries no class annotation.
  const metadata = objectMeta(ctx.model, ctx.options, pluginName(ctx.model.name, route.name, p.name));
  return manifest('configuration.konghq.com/v1', 'KongPlugin', metadata, { plugin: p.name, config: p.config });
}
