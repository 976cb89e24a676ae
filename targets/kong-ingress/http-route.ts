/** One HTTPRoute per route: attached to the Gateway, matching the route's paths, with its
 * KongPlugins attached by annotation and the placeholder Service as the backend KIC requires. */
import { manifest, objectMeta } from '../../src/emit/kubernetes/index.ts';
import { PLACEHOLDER_UPSTREAM } from '../../src/emit/kong/index.ts';
import type { Route } from '../../src/model/index.ts';
import type { IngressContext } from './context.ts';
import type { HttpRouteObject, KongPluginObject } from './kic-types.ts';
import { httpRouteName, placeholderServiceName } from './names.ts';
import { pathMatches } from './paths.ts';

export function httpRoute(ctx: IngressContext, route: Route, plugins: readonly KongPluginObject[]): HttpRouteObject {
  const { gateway } = ctx.options;
  const annotations: Record<string, string> = {};
  if (plugins.length > 0) annotations['konghq.com/plugins'] = plugins.map((p) => p.metadata.name).join(',');
  // KIC routes preserve the client's Host and keep the matched path by default; the deck target
  // keeps Kong's defaults (strip the path, send the upstream's own Host), and the output must mean the same.
  annotations['konghq.com/preserve-host'] = 'false';
  annotations['konghq.com/strip-path'] = 'true';
  const metadata = objectMeta(ctx.model, ctx.options, httpRouteName(ctx.model.name, route.name), { annotations });
  return manifest('gateway.networking.k8s.io/v1', 'HTTPRoute', metadata, {
    spec: {
      parentRefs: [{ name: gateway.name, namespace: gateway.namespace }],
      rules: [
        {
          matches: pathMatches(ctx, route),
          backendRefs: [{ name: placeholderServiceName(ctx.model.name), port: PLACEHOLDER_UPSTREAM.port }],
        },
      ],
    },
  });
}
