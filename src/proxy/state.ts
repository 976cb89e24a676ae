/** The proxy's runtime state: everything a request needs, derived once from a bundle and never
 * mutated. A reload builds a new state and swaps the reference; requests keep the state they
 * started with, so in-flight requests finish on the configuration they began on. */
import { error, type Diagnostic, type Result } from '../diagnostics/index.ts';
import type { Consumer, KeyAuth, Model, Provider, ProviderKind, ReferenceBundle, Route, RouteType, SecretRef } from '../model/index.ts';
import { bundleHash } from './bundle.ts';
import { createRouter, type Router } from './router.ts';
import { resolveSecrets, type Environment } from './secrets.ts';

/** Where a provider's requests go instead of its configured URL; `aigate serve --mock` passes one
 * that points every provider at the mock providers. */
export type UpstreamUrlFor = (provider: Provider, model: Model, routeType: RouteType, stream: boolean) => string;

export interface StateOptions {
  readonly mock: boolean;
  readonly env?: Environment;
  readonly upstreamUrlFor?: UpstreamUrlFor;
}

/** One model a route may send a request to, with everything the proxy stage needs precomputed. */
export interface Target {
  readonly model: Model;
  /** The provider for a buffered request, and for a streamed one (they differ only when the
   * upstream URL is rewritten, since some providers' URLs say "stream"). */
  readonly provider: Provider;
  readonly streamProvider: Provider;
  /** `X-Kong-LLM-Model`: `<provider as Kong names it>/<model>`. */
  readonly modelHeader: string;
}

export interface KeyAuthRuntime extends KeyAuth {
  /** `keyNames` lower-cased, as Node hands over header names. */
  readonly headerNames: readonly string[];
}

export interface RouteRuntime {
  readonly route: Route;
  readonly targets: readonly [Target, ...Target[]];
  /** Names a client may send as `model`: each model's provider name and its alias. */
  readonly byName: ReadonlyMap<string, Target>;
  /** Kong's "cannot use own model - must be: …" tail. */
  readonly mustBe: string;
  readonly keyAuth?: KeyAuthRuntime;
}

export interface ConsumerIdentity {
  readonly name: string;
  readonly customId?: string;
  readonly groups: readonly string[];
}

export interface RuntimeState {
  readonly bundle: ReferenceBundle;
  /** sha256 of the canonical bundle JSON. */
  readonly hash: string;
  readonly name: string;
  readonly loadedAt: Date;
  readonly router: Router<RouteRuntime>;
  /** API key → the consumer it authenticates. */
  readonly consumersByKey: ReadonlyMap<string, ConsumerIdentity>;
  readonly resolveSecret: (ref: SecretRef) => string;
  /** Cloud identity tokens: only under --mock, where any token will do. */
  readonly gcpToken?: () => Promise<string>;
  readonly azureToken?: () => Promise<string>;
}

const MOCK_TOKEN = 'aigate-mock-token';

export function buildState(bundle: ReferenceBundle, options: StateOptions): Result<RuntimeState> {
  const g = bundle.gateway;
  const secrets = resolveSecrets(g, options.env === undefined ? { mock: options.mock } : { mock: options.mock, env: options.env });
  if (!secrets.ok) return secrets;

  const diagnostics: Diagnostic[] = [];
  const providers = new Map(g.providers.map((p) => [p.name, p]));
  const models = new Map(g.models.map((m) => [m.name, m]));
  const routes: { name: string; paths: readonly string[]; value: RouteRuntime }[] = [];
  for (const route of g.routes) {
    const targets: Target[] = [];
    for (const name of route.models) {
      const model = models.get(name);
      const provider = model && providers.get(model.provider);
      if (!model || !provider) {
        diagnostics.push(error('unknown_reference', ['routes', route.name, 'models'], `route "${route.name}" names model "${name}", which is not in the bundle`));
        continue;
      }
      targets.push(targetFor(route, model, provider, options.upstreamUrlFor));
    }
    const [first, ...rest] = targets;
    if (first === undefined) continue;
    routes.push({ name: route.name, paths: route.paths, value: routeRuntime(route, [first, ...rest]) });
  }
  const router = createRouter(routes);
  if (!router.ok) diagnostics.push(...router.diagnostics);
  if (diagnostics.length > 0 || !router.ok) return { ok: false, diagnostics };

  const byName = new Map<string, Consumer>(g.consumers.map((c) => [c.name, c]));
  const consumersByKey = new Map<string, ConsumerIdentity>();
  for (const [key, name] of secrets.value.consumerKeys) {
    const c = byName.get(name);
    if (c) consumersByKey.set(key, { name: c.name, groups: c.groups, ...(c.customId !== undefined && { customId: c.customId }) });
  }
  const token = () => Promise.resolve(MOCK_TOKEN);
  return {
    ok: true,
    value: {
      bundle,
      hash: bundleHash(bundle),
      name: g.name,
      loadedAt: new Date(),
      router: router.value,
      consumersByKey,
      resolveSecret: secrets.value.resolve,
      ...(options.mock && { gcpToken: token, azureToken: token }),
    },
    warnings: [],
  };
}

function targetFor(route: Route, model: Model, provider: Provider, rewrite: UpstreamUrlFor | undefined): Target {
  const at = (stream: boolean): Provider => (rewrite ? { ...provider, upstreamUrl: rewrite(provider, model, route.type, stream) } : provider);
  return { model, provider: at(false), streamProvider: at(true), modelHeader: `${kongProviderName(provider.kind)}/${model.model}` };
}

function routeRuntime(route: Route, targets: readonly [Target, ...Target[]]): RouteRuntime {
  const byName = new Map<string, Target>();
  for (const t of targets) {
    if (!byName.has(t.model.model)) byName.set(t.model.model, t);
    if (t.model.alias !== undefined && !byName.has(t.model.alias)) byName.set(t.model.alias, t);
  }
  const names = [...new Set(targets.map((t) => t.model.model))];
  const keyAuth = route.keyAuth && { ...route.keyAuth, headerNames: route.keyAuth.keyNames.map((n) => n.toLowerCase()) };
  return {
    route,
    targets,
    byName,
    mustBe: names.length === 1 ? `must be: ${names[0]}` : `must be one of: ${names.join(', ')}`,
    ...(keyAuth && { keyAuth }),
  };
}

/** The provider name Kong would report: Kong reaches OpenAI-compatible services with its openai driver. */
export function kongProviderName(kind: ProviderKind): string {
  return kind === 'openai-compatible' ? 'openai' : kind;
}
