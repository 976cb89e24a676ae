/** A route's models as one Kong AI proxy plugin: `ai-proxy` for one model, `ai-proxy-advanced`
 * with a round-robin balancer for several. */
import type { Model, Route } from '../../model/index.ts';
import type { KongContext } from './context.ts';
import type { AiProxyAdvancedConfig, AiProxyConfig, KongPlugin, LlmRecord, RouteLevelOptions } from './plugin-types.ts';
import { llmRecord } from './llm-record.ts';

export type AiProxyPlugin =
  | (KongPlugin<AiProxyConfig> & { readonly name: 'ai-proxy' })
  | (KongPlugin<AiProxyAdvancedConfig> & { readonly name: 'ai-proxy-advanced' });

// Every target the same weight: the config has no weights, so spread requests evenly.
const EQUAL_WEIGHT = 100;

export function aiProxyPlugin(ctx: KongContext, route: Route): AiProxyPlugin | undefined {
  const records: LlmRecord[] = [];
  route.models.forEach((name, i) => {
    const model = ctx.model.models.find((m) => m.name === name);
    const provider = model && ctx.model.providers.find((p) => p.name === model.provider);
    if (model && provider) records.push(llmRecord(ctx, route, model, provider));
    else unresolved(ctx, route, i, name, model);
  });
  const [only] = records;
  if (only === undefined) return undefined;
  const routeLevel: RouteLevelOptions = { response_streaming: route.streaming, model_name_header: route.modelNameHeader };
  if (route.models.length === 1) return { name: 'ai-proxy', config: { ...only, ...routeLevel } };
  return {
    name: 'ai-proxy-advanced',
    config: {
      targets: records.map((r) => ({ ...r, weight: EQUAL_WEIGHT })),
      balancer: { algorithm: 'round-robin' },
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
