/** Builds kong-ingress.yaml from the model: KongConsumerGroups, KongConsumers, KongPlugins,
 * KongClusterPlugins, the placeholder Service and HTTPRoutes, in that fixed order, as one
 * multi-document YAML file. */
import { resultOf, toDotPath, type PathSegment, type Result } from '../../src/diagnostics/index.ts';
import { toYamlDocuments, type Artefact } from '../../src/emit/index.ts';
import type { GatewayModel } from '../../src/model/index.ts';
import { createIngressContext, type IngressContext } from './context.ts';
import { kongConsumerGroups, kongConsumers } from './consumers.ts';
import { header } from './header.ts';
import { httpRoute } from './http-route.ts';
import type { KicObject } from './kic-types.ts';
import { placeholderService } from './placeholder-service.ts';
import { globalPlugins, routePlugins } from './plugins.ts';

export const KONG_INGRESS_FILE = 'kong-ingress.yaml';

/**
 * Dependencies before dependents, so a plain `kubectl apply` creates what is referenced first.
 * Secrets (credentials) have their place here although the target writes none: they would hold keys.
 */
export const KIND_ORDER = ['Secret', 'KongConsumerGroup', 'KongConsumer', 'KongPlugin', 'KongClusterPlugin', 'Service', 'HTTPRoute'] as const;

interface Placed {
  readonly object: KicObject;
  /** The config path the object comes from, for a name clash. */
  readonly from: readonly PathSegment[];
}

export function emitKongIngress(model: GatewayModel): Result<readonly Artefact[]> {
  const ctx = createIngressContext(model);
  const objects = kongIngressObjects(ctx);
  const content = toYamlDocuments(objects, header(ctx, objects));
  return resultOf([{ path: KONG_INGRESS_FILE, content }], ctx.diagnostics);
}

/** The objects before serialisation, in KIND_ORDER; `ctx` collects diagnostics and what they need. */
export function kongIngressObjects(ctx: IngressContext): KicObject[] {
  const placed: Placed[] = [];
  const place = (from: readonly PathSegment[], object: KicObject) => placed.push({ object, from });
  for (const r of ctx.model.routes) {
    const plugins = routePlugins(ctx, r);
    for (const p of plugins) place(['routes', r.name], p);
    place(['routes', r.name], httpRoute(ctx, r, plugins));
  }
  for (const { object, plugins } of kongConsumers(ctx)) {
    const from = ['consumers', object.username];
    for (const p of plugins) place(from, p);
    place(from, object);
  }
  // Groups come out in model order; their object names may differ from the config's names.
  const groupNames = ctx.model.consumerGroups.map((g) => g.name);
  kongConsumerGroups(ctx).forEach(({ object, plugins }, i) => {
    const from = ['consumerGroups', groupNames[i] ?? object.metadata.name];
    for (const p of plugins) place(from, p);
    place(from, object);
  });
  for (const p of globalPlugins(ctx)) place(['policies'], p);
  if (ctx.model.routes.length > 0) place(['routes'], placeholderService(ctx));
  const ordered = placed.map((p, i) => ({ ...p, i })).sort((a, b) => rank(a.object) - rank(b.object) || a.i - b.i);
  reportNameClashes(ctx, ordered);
  return ordered.map((p) => p.object);
}

function rank(o: KicObject): number {
  return KIND_ORDER.indexOf(o.kind as (typeof KIND_ORDER)[number]);
}

// Names are derived to be unique; this guards the derivation, since two objects of one kind with
// one name would silently replace each other on apply.
function reportNameClashes(ctx: IngressContext, placed: readonly Placed[]): void {
  const seen = new Map<string, readonly PathSegment[]>();
  for (const { object, from } of placed) {
    const key = `${object.kind}/${object.metadata.name}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, from);
    else ctx.report('duplicate_name', from, `two ${object.kind} objects would both be named "${object.metadata.name}" (also from ${toDotPath(first)})`, 'rename one of them');
  }
}
