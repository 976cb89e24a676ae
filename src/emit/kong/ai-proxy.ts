/** A route's models as one Kong AI proxy plugin: `ai-proxy` for one model, `ai-proxy-advanced`
 * with the route's balancer and weights for several. */
import { byName, type Model, type Route } from '../../model/index.ts';
import { balancerConfig } from './balancer.ts';
import { MAX_REQUEST_BODY_SIZE } from './body-size.ts';
import type { KongContext } from './context.ts';
import type { AiProxyAdvancedConfig, AiProxyConfig, KongPlugin, LlmRecord, RouteLevelOptions } from './plugin-types.ts';
import { llmRecord } from './llm-record.ts';
import { payloadsLogged } from './scope.ts';

export type AiProxyPlugin =
  | (KongPlugin<AiProxyConfig> & { readonly name: 'ai-proxy' })
  | (KongPlugin<AiProxyAdvancedConfig> & { readonly name: 'ai-proxy-advanced' });

// Kong's own default weight, for a model the balancer names no weight for.
const DEFAULT_WEIGHT = 100;

export function aiProxyPlugin(ctx: KongContext, route: Route): AiProxyPlugin | undefined {
  const use = { type: route.type, route: route.name, logging: { statistics: route.logging.statistics, payloads: payloadsLogged(ctx.model, route) } };
  const records: { name: string; record: LlmRecord }[] = [];
  route.models.forEach((name, i) => {
    const model = byName(ctx.model.models, name);
    const provider = model && byName(ctx.model.providers, model.provider);
    if (model && provider) records.push({ name, record: llmRecord(ctx, use, model, provider) });
    else unresolved(ctx, route, i, name, model);
  });
  const [only] = records;
  if (only === undefined) return undefined;
  const routeLevel: RouteLevelOptions = {
    response_streaming: route.streaming,
    model_name_header: route.modelNameHeader,
    max_request_body_size: MAX_REQUEST_BODY_SIZE,
  };
  if (route.models.length === 1) return { name: 'ai-proxy', config: { ...only.record, ...routeLevel } };
  return {
    name: 'ai-proxy-advanced',
    config: {
      targets: records.map((r) => ({ ...r.record, weight: route.balancer.weights[r.name] ?? DEFAULT_WEIGHT })),
      balancer: balancerConfig(ctx, route),
      ...routeLevel,
    },
  };
}

// The spec resolves references before a model exists; this only keeps a broken model from
// turning into a half-written file.
function unresolved(ctx: KongContext, route: Route, i: number, name: string, model: Model | undefined): void {
  if (model === undefined) {
    ctx.report('unknown_reference', ['routes', route.name, 'models', i], `route "${route.name}" names unknown model "${name}"`);
  } else {
    ctx.report('unknown_reference', ['models', model.name, 'provider'], `model "${model.name}" names unknown provider "${model.provider}"`);
  }
}
