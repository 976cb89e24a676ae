/** One route with one model as an AIGateway `cloudHosted` entry: identifier, model, prompt type,
 * default prompts and parameters. Everything the entry cannot say is reported, with its path. */
import { isDnsLabel } from '../../src/emit/kubernetes/index.ts';
import { byName, type Model, type PromptDecoratorPolicy, type Route } from '../../src/model/index.ts';
import type { CloudHostedModel, CloudProviderName } from './ai-gateway-types.ts';
import type { OperatorContext } from './context.ts';

// The controller names objects `<identifier>-ai-prompt-decorator` (the longest suffix), and those
// names must stay DNS labels (kgo FACTS §1).
const MAX_IDENTIFIER = 63 - '-ai-prompt-decorator'.length;
// Kong's ai-proxy defaults, which the controller leaves in place (it writes none of these fields).
const KONG_LOGGING = { statistics: true, payloads: false };

/** What the providers and models the routes use turned into, checked once each beforehand. */
export interface Resolved {
  /** The AIGateway provider name, for providers it can express. */
  readonly providers: ReadonlyMap<string, CloudProviderName>;
  readonly params: ReadonlyMap<string, CloudHostedModel['defaultPromptParams']>;
}

export function cloudHosted(ctx: OperatorContext, route: Route, resolved: Resolved): CloudHostedModel | undefined {
  checkRoute(ctx, route);
  const prompts = defaultPrompts(ctx, route);
  if (route.models.length !== 1) {
    ctx.cannot(['routes', route.name, 'models'], 'an AIGateway serves one model per path; it cannot balance several models on one route');
    return undefined;
  }
  const model = byName(ctx.model.models, route.models[0] ?? '');
  const provider = model && byName(ctx.model.providers, model.provider);
  // The spec resolves references, so a dangling one only comes from a hand-built model.
  if (model === undefined || provider === undefined) {
    ctx.report('unknown_reference', ['routes', route.name, 'models', 0], `route "${route.name}" names a model or provider the model lacks`);
    return undefined;
  }
  const name = resolved.providers.get(provider.name);
  if (name === undefined) return undefined;
  return {
    identifier: route.name,
    model: model.model,
    promptType: route.type,
    defaultPrompts: prompts,
    defaultPromptParams: resolved.params.get(model.name),
    aiCloudProvider: { name },
  };
}

function checkRoute(ctx: OperatorContext, route: Route): void {
  const at = ['routes', route.name];
  if (!isDnsLabel(route.name) || route.name.length > MAX_IDENTIFIER) {
    ctx.cannot(at, `an AIGateway turns the route name into its path and into object names, so it must be lower-case letters, digits and dashes, at most ${MAX_IDENTIFIER} long`);
  }
  if (route.paths.length !== 1 || route.paths[0] !== `/${route.name}`) {
    ctx.cannot([...at, 'paths'], `an AIGateway serves each model at /<route name> only (here /${route.name}), so the route's paths ${route.paths.join(', ')} cannot be kept`);
  }
  if (route.streaming !== 'allow') ctx.cannot([...at, 'streaming'], `an AIGateway leaves streaming to the client; it cannot set streaming to "${route.streaming}"`);
  if (route.keyAuth) ctx.cannot([...at, 'auth'], 'an AIGateway has no consumer authentication; its routes are open to anyone who reaches the Gateway');
  if (route.logging.statistics !== KONG_LOGGING.statistics || route.logging.payloads !== KONG_LOGGING.payloads) {
    ctx.cannot([...at, 'logging'], 'an AIGateway always logs statistics and never payloads');
  }
  if (!route.modelNameHeader) ctx.cannot([...at, 'modelNameHeader'], 'an AIGateway always adds the model-name response header');
}

/** The route's prompt decorator as `defaultPrompts`: prepended user or system messages only. */
function defaultPrompts(ctx: OperatorContext, route: Route): CloudHostedModel['defaultPrompts'] {
  const d: PromptDecoratorPolicy | undefined = route.policies.promptDecorator;
  if (d === undefined) return undefined;
  const at = ['routes', route.name, 'policies', 'promptDecorator'];
  if (d.append.length > 0) ctx.cannot([...at, 'append'], 'an AIGateway can only prepend prompts, not append them');
  const out: { role: 'user' | 'system'; content: string }[] = [];
  d.prepend.forEach((m, i) => {
    if (m.role === 'assistant') ctx.cannot([...at, 'prepend', i, 'role'], 'an AIGateway prepends only user and system messages');
    else out.push({ role: m.role, content: m.content });
  });
  return out.length > 0 ? out : undefined;
}

/** A model's options as `defaultPromptParams`, after reporting what the AIGateway drops. */
export function promptParams(ctx: OperatorContext, model: Model): CloudHostedModel['defaultPromptParams'] {
  const at = ['models', model.name];
  const o = model.options;
  if (model.alias !== undefined) ctx.cannot([...at, 'alias'], 'an AIGateway has no model aliases');
  // The CRD has topP and topK, but the controller ignores both (kgo FACTS §1), so writing them would drop them silently.
  if (o.topP !== undefined) ctx.cannot([...at, 'options', 'topP'], 'the AIGateway controller ignores topP');
  if (o.topK !== undefined) ctx.cannot([...at, 'options', 'topK'], 'the AIGateway controller ignores topK');
  if (o.inputCost !== undefined) ctx.cannot([...at, 'options', 'inputCost'], 'an AIGateway has no token costs');
  if (o.outputCost !== undefined) ctx.cannot([...at, 'options', 'outputCost'], 'an AIGateway has no token costs');
  if (o.maxTokens === undefined && o.temperature === undefined) return undefined;
  return { maxTokens: o.maxTokens, temperature: o.temperature === undefined ? undefined : String(o.temperature) };
}
