/** One scope's policies (global, a route, a consumer or a consumer group) as Kong plugins, in Kong's
 * execution order. Both Kong targets attach the result where their format puts that scope. */
import type { PathSegment } from '../../diagnostics/index.ts';
import type { Policies } from '../../model/index.ts';
import type { KongContext } from './context.ts';
import { kongCanAttach } from './plugin-scopes.ts';
import type { KongPlugin } from './plugin-types.ts';
import { datadogPlugin, statsdPlugin, zipkinPlugin } from './plugins/exporters.ts';
import { logPlugins } from './plugins/logs.ts';
import { opentelemetryPlugin } from './plugins/opentelemetry.ts';
import { prometheusPlugin } from './plugins/prometheus.ts';
import { promptDecoratorPlugin } from './plugins/prompt-decorator.ts';
import { promptGuardPlugin } from './plugins/prompt-guard.ts';
import { promptTemplatePlugin } from './plugins/prompt-template.ts';
import { requestLimitsPlugin } from './plugins/request-limits.ts';
import { semanticCachePlugin } from './plugins/semantic-cache.ts';
import { semanticGuardPlugin } from './plugins/semantic-guard.ts';
import { tokenLimitsPlugin } from './plugins/token-limits.ts';
import { requestTransformerPlugin, responseTransformerPlugin } from './plugins/transformers.ts';
import { payloadsLogged, scopePath, scopePolicies, type ScopeRef } from './scope.ts';

export function policyPlugins(ctx: KongContext, s: ScopeRef): KongPlugin[] {
  const p = scopePolicies(ctx.model, s);
  const at = scopePath(s);
  const out: { plugin: KongPlugin; path: PathSegment[] }[] = [];
  const add = (kind: keyof Policies, plugin: KongPlugin | undefined) => {
    if (plugin) out.push({ plugin, path: [...at, kind] });
  };
  const payloads = s.scope === 'route' ? payloadsLogged(ctx.model, s.route) : ctx.model.policies.observability?.logs?.payloads === true;

  if (p.requestTransformer) add('requestTransformer', requestTransformerPlugin(ctx, p.requestTransformer, payloads, [...at, 'requestTransformer']));
  if (p.promptTemplates) add('promptTemplates', promptTemplatePlugin(p.promptTemplates));
  if (p.promptDecorator) add('promptDecorator', promptDecoratorPlugin(p.promptDecorator));
  if (p.promptGuard) add('promptGuard', promptGuardPlugin(p.promptGuard));
  if (p.semanticGuard) add('semanticGuard', semanticGuardPlugin(ctx, p.semanticGuard, [...at, 'semanticGuard']));
  if (p.cache) add('cache', semanticCachePlugin(ctx, p.cache, [...at, 'cache']));
  if (p.limits) {
    if (p.limits.limits.some((l) => l.count !== 'requests')) add('limits', tokenLimitsPlugin(ctx, s, p.limits, [...at, 'limits']));
    if (p.limits.limits.some((l) => l.count === 'requests')) add('limits', requestLimitsPlugin(ctx, s, p.limits, [...at, 'limits']));
  }
  if (p.responseTransformer) add('responseTransformer', responseTransformerPlugin(ctx, p.responseTransformer, payloads, [...at, 'responseTransformer']));
  const o = p.observability;
  if (o) {
    const obs = [...at, 'observability'];
    if (o.prometheus) add('observability', prometheusPlugin(o.prometheus));
    if (o.opentelemetry) add('observability', opentelemetryPlugin(ctx, o.opentelemetry, [...obs, 'opentelemetry']));
    if (o.statsd) add('observability', statsdPlugin(o.statsd));
    if (o.zipkin) add('observability', zipkinPlugin(o.zipkin));
    if (o.datadog) add('observability', datadogPlugin(o.datadog));
    if (o.logs) {
      for (const l of logPlugins(o.logs)) add('observability', l);
      if (o.logs.payloads && (s.scope === 'consumer' || s.scope === 'consumer-group')) {
        ctx.report('unsupported_by_target', [...obs, 'logs', 'payloads'], `Kong logs bodies per route (the AI proxy's log_payloads), not per ${s.scope}`, 'set payloads on the routes or at gateway level');
      }
    }
  }
  // The spec already refuses these; a hand-built model must still not produce a plugin Kong rejects.
  return out.flatMap(({ plugin, path }) => {
    if (kongCanAttach(plugin.name, s.scope)) return [plugin];
    ctx.report('unsupported_by_target', path, `Kong cannot attach ${plugin.name} to a ${s.scope}`, 'move the policy to a scope Kong can attach it to');
    return [];
  });
}
