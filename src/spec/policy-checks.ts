/** Checks on policies that a user would otherwise learn about in production: references, model
 * kinds and prices, regexes, scopes Kong cannot run a policy at, and policies that need another. */
import { didYouMean, error, warning, type Diagnostic, type PathSegment } from '../diagnostics/index.ts';
import type { GatewayConfigOutput } from './gateway.ts';
import type { PoliciesOutput, PresetOutput } from './policies.ts';
import { checkPattern } from './regex-check.ts';

type Scope = 'global' | 'route' | 'consumer' | 'consumer-group' | 'preset';
type AnyPolicies = PoliciesOutput | PresetOutput;

/** Where Kong can run each policy's plugin (from the plugin schemas' foreign keys). */
const KONG_SCOPES: Partial<Record<keyof AnyPolicies, readonly Scope[]>> = {
  requestTransformer: ['global', 'route', 'consumer-group'],
  observability: ['global', 'route', 'consumer'],
};

interface ScopeContext {
  readonly scope: Scope;
  readonly at: readonly PathSegment[];
  /** The models the scope's traffic can reach. */
  readonly models: readonly string[];
  /** The routes the scope applies to. */
  readonly routes: readonly string[];
}

const routeModels = (c: GatewayConfigOutput, route: string): string[] => {
  const r = c.routes[route];
  if (!r) return [];
  return (r.models ?? (r.model ? [r.model] : [])).map((m) => (typeof m === 'string' ? m : m.model));
};

function checkModelRef(c: GatewayConfigOutput, name: string, kind: 'chat' | 'embeddings', path: PathSegment[], what: string): Diagnostic[] {
  const m = c.models[name];
  if (!m) {
    return [error('unknown_reference', path, `model "${name}" is not defined`, didYouMean(name, Object.keys(c.models)) ?? 'define it under models')];
  }
  if (m.kind !== kind) {
    return [error('model_kind_mismatch', path, `${what} needs ${kind === 'chat' ? 'a chat' : 'an embeddings'} model, and "${name}" is ${m.kind === 'chat' ? 'a chat' : 'an embeddings'} model`, `use a model with kind: "${kind}"`)];
  }
  return [];
}

function checkTemplate(name: string, body: string, path: PathSegment[]): Diagnostic[] {
  let parsed: unknown;
  try {
    // Placeholders sit inside JSON strings; any text stands in for them.
    parsed = JSON.parse(body.replace(/\{\{\w+\}\}/g, 'x'));
  } catch {
    return [error('invalid_value', path, `template "${name}" is not a JSON request body`, 'a template is a whole request body, e.g. {"messages":[{"role":"user","content":"Explain {{thing}}"}]}')];
  }
  const o = parsed as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || (!Array.isArray(o.messages) && typeof o.prompt !== 'string')) {
    return [error('invalid_value', path, `template "${name}" has neither "messages" nor "prompt"`, 'a template renders a chat (messages) or completions (prompt) body')];
  }
  return [];
}

function checkScope(c: GatewayConfigOutput, p: AnyPolicies, ctx: ScopeContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = ctx.at;
  if ('use' in p && p.use) {
    p.use.forEach((name, i) => {
      if (!(name in c.presets)) {
        out.push(error('unknown_reference', [...at, 'use', i], `preset "${name}" is not defined`, didYouMean(name, Object.keys(c.presets)) ?? 'define it under presets'));
      }
    });
  }
  for (const [kind, scopes] of Object.entries(KONG_SCOPES)) {
    if (p[kind as keyof AnyPolicies] !== undefined && ctx.scope !== 'preset' && !scopes.includes(ctx.scope)) {
      out.push(error('policy_scope_invalid', [...at, kind], `Kong cannot run ${kind} on a ${ctx.scope}`, `attach it to ${scopes.join(', ')}`));
    }
  }

  if (p.promptGuard) {
    const g = p.promptGuard;
    if (g.allow.length === 0 && g.deny.length === 0) out.push(error('missing_required', [...at, 'promptGuard', 'deny'], 'a prompt guard needs allow or deny patterns'));
    if (g.roles === 'all' && g.history === 'latest') {
      out.push(error('conflicting_options', [...at, 'promptGuard', 'history'], 'checking every role needs the whole history', 'Kong rejects roles "all" with history "latest"; use history "all"'));
    }
    for (const list of ['deny', 'allow'] as const) g[list].forEach((pattern, i) => out.push(...checkPattern(pattern, [...at, 'promptGuard', list, i])));
  }
  if (p.promptDecorator && p.promptDecorator.prepend.length === 0 && p.promptDecorator.append.length === 0) {
    out.push(error('missing_required', [...at, 'promptDecorator', 'prepend'], 'a prompt decorator needs prepend or append messages'));
  }
  if (p.promptTemplates) {
    const seen = new Set<string>();
    p.promptTemplates.templates.forEach((t, i) => {
      const path: PathSegment[] = [...at, 'promptTemplates', 'templates', i];
      const name = typeof t === 'string' ? t : t.name;
      if (seen.has(name)) out.push(error('duplicate_name', path, `template "${name}" is listed twice`, 'template names are unique within a scope'));
      seen.add(name);
      if (typeof t === 'string') {
        if (!(t in c.templates)) out.push(error('unknown_reference', path, `template "${t}" is not defined`, didYouMean(t, Object.keys(c.templates)) ?? 'define it under templates'));
      } else out.push(...checkTemplate(t.name, t.template, [...path, 'template']));
    });
  }
  for (const kind of ['requestTransformer', 'responseTransformer'] as const) {
    const t = p[kind];
    if (!t) continue;
    out.push(...checkModelRef(c, t.model, 'chat', [...at, kind, 'model'], `the ${kind === 'requestTransformer' ? 'request' : 'response'} transformer`));
    if (t.extract !== undefined) out.push(...checkPattern(t.extract, [...at, kind, 'extract'], 'model'));
  }
  if (p.responseTransformer) {
    for (const r of ctx.routes) {
      if (c.routes[r]?.streaming === 'always') {
        out.push(error('conflicting_options', [...at, 'responseTransformer'], `route "${r}" always streams, and a response transformer cannot rewrite streams`, 'use streaming: "deny" or "allow" on that route'));
      }
    }
  }
  if (p.promptDecorator) {
    for (const r of ctx.routes) {
      if (c.routes[r]?.type === 'completions' && ctx.scope === 'route') {
        out.push(error('conflicting_options', [...at, 'promptDecorator'], 'a prompt decorator adds messages, and completions requests have none', 'use it on chat routes'));
      }
    }
  }

  const rules = p.limits ? (Array.isArray(p.limits) ? p.limits : p.limits.rules) : [];
  rules.forEach((l, i) => {
    const path: PathSegment[] = [...at, 'limits', ...(Array.isArray(p.limits) ? [] : ['rules']), i];
    if (l.by === 'header' && l.header === undefined) out.push(error('missing_required', [...path, 'header'], 'a limit by header needs the header name'));
    if (l.by !== 'header' && l.header !== undefined) out.push(error('conflicting_options', [...path, 'header'], `header is only used with by: "header", not "${l.by}"`));
    if (l.count === 'cost') {
      const unpriced = [...new Set(ctx.models)].filter((m) => c.models[m] && (c.models[m].options.inputCost === undefined || c.models[m].options.outputCost === undefined));
      if (unpriced.length > 0) {
        out.push(error('model_price_missing', [...path, 'count'], `this budget counts cost, but ${unpriced.map((m) => `"${m}"`).join(', ')} ${unpriced.length === 1 ? 'has' : 'have'} no price`, 'set options.inputCost and options.outputCost (per million tokens) on those models'));
      }
    }
    if (['consumer', 'credential', 'consumer-group'].includes(l.by) && ctx.scope !== 'preset') {
      const anonymous = ctx.routes.filter((r) => c.routes[r] && c.routes[r].auth === false);
      if (anonymous.length > 0 && ctx.scope === 'route') {
        out.push(warning('policy_dependency_missing', [...path, 'by'], `this limit counts per ${l.by}, but route "${anonymous[0]}" does not authenticate consumers`, 'add auth: true to the route, or count by: "ip"'));
      }
    }
  });

  for (const [kind, search] of [['cache', p.cache?.semantic], ['semanticGuard', p.semanticGuard?.search]] as const) {
    if (!search) continue;
    const path: PathSegment[] = [...at, kind, kind === 'cache' ? 'semantic' : 'search'];
    out.push(...checkModelRef(c, search.embeddings, 'embeddings', [...path, 'embeddings'], 'semantic search'));
    if (!c.redis) out.push(error('policy_dependency_missing', path, 'semantic search keeps its vectors in Redis, and no redis is configured', 'add redis: { host, port } at the top of the config'));
  }
  return out;
}

export function checkPolicies(c: GatewayConfigOutput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const allRoutes = Object.keys(c.routes);
  const allModels = allRoutes.flatMap((r) => routeModels(c, r));
  const authRoutes = allRoutes.filter((r) => c.routes[r]?.auth !== false);

  for (const [name, body] of Object.entries(c.templates)) out.push(...checkTemplate(name, body, ['templates', name]));
  if (c.policies) out.push(...checkScope(c, c.policies, { scope: 'global', at: ['policies'], models: allModels, routes: allRoutes }));
  for (const [name, preset] of Object.entries(c.presets)) {
    out.push(...checkScope(c, preset, { scope: 'preset', at: ['presets', name], models: allModels, routes: [] }));
  }
  for (const [name, r] of Object.entries(c.routes)) {
    const models = routeModels(c, name);
    models.forEach((m, i) => {
      if (c.models[m]?.kind === 'embeddings') {
        out.push(error('model_kind_mismatch', [...(r.models ? ['routes', name, 'models', i] : ['routes', name, 'model'])], `"${m}" is an embeddings model and cannot serve ${r.type} requests`, 'route to a chat model'));
      }
    });
    if (r.balancer && models.length < 2) {
      out.push(error('policy_dependency_missing', ['routes', name, 'balancer'], 'a balancer needs several models on the route', 'list them in models: [...]'));
    }
    if (r.policies) out.push(...checkScope(c, r.policies, { scope: 'route', at: ['routes', name, 'policies'], models, routes: [name] }));
  }
  const consumerScopes: [Scope, string, Record<string, { policies?: PoliciesOutput | undefined }>][] = [
    ['consumer', 'consumers', c.consumers],
    ['consumer-group', 'consumerGroups', c.consumerGroups],
  ];
  for (const [scope, section, entries] of consumerScopes) {
    for (const [name, e] of Object.entries(entries)) {
      if (!e.policies) continue;
      const at = [section, name, 'policies'];
      if (authRoutes.length === 0) {
        out.push(error('policy_dependency_missing', at, `policies on a ${scope} only apply to authenticated requests, and no route requires auth`, 'add auth: true to the routes these policies are for'));
      }
      out.push(...checkScope(c, e.policies, { scope, at, models: authRoutes.flatMap((r) => routeModels(c, r)), routes: authRoutes }));
    }
  }
  return out;
}
