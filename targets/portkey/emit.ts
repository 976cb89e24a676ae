/** Compiles the model to Portkey configs, one per route: what a client sends in `x-portkey-config`
 * to the Portkey gateway's `/v1/chat/completions` (or `/v1/completions`). Portkey's OSS gateway
 * has no routes, consumers or secret store of its own, so each route's config carries its
 * strategy, targets, guard and cache; keys are `${VAR}` placeholders the client fills in. */
import { error, resultOf, type Diagnostic, type Result } from '../../src/diagnostics/index.ts';
import type { GatewayModel, Policies, Route } from '../../src/model/index.ts';
import { cacheOf, decoratorHooks, guardHook } from './policies.ts';
import type { PortkeyConfig, PortkeyHook, PortkeyRoute, PortkeyTargetConfig } from './portkey-types.ts';
import { targetFor, type CustomHostFor } from './providers.ts';
import { strategyFor } from './strategy.ts';

export interface PortkeyOptions {
  /** Replaces each model's `custom_host` (the conformance runner points them at the mocks). */
  readonly customHostFor?: CustomHostFor;
}

export function compilePortkey(model: GatewayModel, options: PortkeyOptions = {}): Result<readonly PortkeyRoute[]> {
  const problems: Diagnostic[] = [];
  if (model.consumers.length > 0) {
    problems.push({ code: 'unsupported_by_target', severity: 'warning', path: ['consumers'], message: 'Portkey has no consumers; they are not written', target: 'portkey' });
  }
  const routes = model.routes.map((r) => routeConfig(model, r, options, problems));
  return resultOf(routes, problems);
}

function routeConfig(m: GatewayModel, r: Route, options: PortkeyOptions, problems: Diagnostic[]): PortkeyRoute {
  const providers = new Map(m.providers.map((p) => [p.name, p]));
  const models = new Map(m.models.map((x) => [x.name, x]));
  const plan = strategyFor(r, problems);
  const targets: PortkeyTargetConfig[] = [];
  plan.models.forEach((name, i) => {
    const model = models.get(name);
    const provider = model && providers.get(model.provider);
    if (!model || !provider) return void problems.push(error('unknown_reference', ['routes', r.name, 'models'], `model "${name}" is not defined`));
    const t = targetFor(provider, model, r.type, options.customHostFor, problems);
    if (t === undefined) return;
    const stream = r.streaming === 'always' ? { stream: true } : r.streaming === 'deny' ? { stream: false } : {};
    targets.push({ ...t, override_params: { ...t.override_params, ...stream }, ...(plan.weights && { weight: plan.weights[i] }) });
  });
  if (r.streaming === 'deny') {
    problems.push({
      code: 'unsupported_by_target',
      severity: 'warning',
      path: ['routes', r.name, 'streaming'],
      message: 'Portkey cannot refuse a stream request; the config turns streaming off (stream: false) instead',
      target: 'portkey',
    });
  }
  const hooks: PortkeyHook[] = [];
  let cache: PortkeyConfig['cache'];
  // The route's own policy of a kind replaces the global one (Kong's plugin scoping, per kind).
  const own = r.policies;
  const pick = <K extends keyof Policies>(kind: K) =>
    own[kind] !== undefined ? { value: own[kind], path: ['routes', r.name, 'policies', kind] } : m.policies[kind] !== undefined ? { value: m.policies[kind], path: ['policies', kind] } : undefined;
  const decorator = pick('promptDecorator');
  if (decorator) hooks.push(...decoratorHooks(decorator.value!, decorator.path, problems));
  const guard = pick('promptGuard');
  // Kong's order: the decorator runs before the guard, so the guard sees decorated prompts.
  if (guard) hooks.push(guardHook(guard.value!, guard.path, problems));
  const c = pick('cache');
  if (c) cache = cacheOf(c.value!, c.path, problems);
  const config: PortkeyConfig = {
    strategy: plan.strategy,
    targets,
    ...(plan.requestTimeoutMs !== undefined && { request_timeout: plan.requestTimeoutMs }),
    ...(cache && { cache }),
    ...(hooks.length > 0 && { before_request_hooks: hooks }),
  };
  return { name: r.name, paths: r.paths, endpoint: r.type === 'chat' ? '/v1/chat/completions' : '/v1/completions', config, models: plan.models };
}
