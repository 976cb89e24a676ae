/** Every case's config in one model, for a gateway that loads one config for the whole run (a Kong
 * the user starts with one decK file). Case N's entities are renamed `cNN-<name>`, its paths moved
 * under `/cNN`, its global policies moved onto its routes (a route's own policy of a kind wins, as
 * in Kong's scoping), and each of its models gets a provider of its own whose URL points at the
 * mock front for that model, so the front still knows which model a call is for.
 *
 * Limits of the merge, all documented in README "Conformance": a provider URL is fixed per model,
 * so a model used on both chat and completions routes gets the chat endpoint, and Gemini's and
 * Bedrock's stream endpoints (which differ by path) are left to the gateway. */
import { pointAtMocks } from '../../mock/point-at-mocks.ts';
import { KONG_VERSIONS, MODEL_FORMAT_VERSION, type Consumer, type GatewayModel, type Model, type Policies, type Provider, type Route } from '../../model/index.ts';
import type { CaseModel } from '../gateway.ts';
import type { MockFront } from '../mock-front.ts';

export interface MergedCases {
  readonly model: GatewayModel;
  /** Case name → its path prefix (`/c01`). */
  readonly prefixes: ReadonlyMap<string, string>;
  /** Case name → consumer → the key to send. */
  readonly keys: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The keys as environment variables the gateway must see. */
  readonly env: Readonly<Record<string, string>>;
}

function renamePolicies(p: Policies, n: (s: string) => string): Policies {
  return {
    ...p,
    ...(p.requestTransformer && { requestTransformer: { ...p.requestTransformer, model: n(p.requestTransformer.model) } }),
    ...(p.responseTransformer && { responseTransformer: { ...p.responseTransformer, model: n(p.responseTransformer.model) } }),
    ...(p.cache?.semantic && { cache: { ...p.cache, semantic: { ...p.cache.semantic, embeddings: n(p.cache.semantic.embeddings) } } }),
    ...(p.semanticGuard && { semanticGuard: { ...p.semanticGuard, search: { ...p.semanticGuard.search, embeddings: n(p.semanticGuard.search.embeddings) } } }),
  };
}

/** The prefix of the case at `index` (0-based) of the run: stable when other cases are left out. */
export const casePrefix = (index: number): string => `c${String(index + 1).padStart(2, '0')}`;

/** @param cases each with its index in the whole run, which names its prefix */
export function mergeCases(cases: readonly (CaseModel & { readonly index: number })[], front: MockFront): MergedCases {
  const providers: Provider[] = [];
  const models: Model[] = [];
  const routes: Route[] = [];
  const consumers: Consumer[] = [];
  const groups: GatewayModel['consumerGroups'][number][] = [];
  const prefixes = new Map<string, string>();
  const keys = new Map<string, Map<string, string>>();
  const env: Record<string, string> = {};
  cases.forEach(({ name, model: m, index }) => {
    const p = casePrefix(index);
    const n = (s: string) => `${p}-${s}`;
    prefixes.set(name, `/${p}`);
    const byName = new Map(m.providers.map((x) => [x.name, x]));
    for (const md of m.models) {
      const provider = byName.get(md.provider);
      if (provider === undefined) continue;
      const type = m.routes.find((r) => r.models.includes(md.name))?.type ?? 'chat';
      providers.push({ ...provider, name: n(md.name), upstreamUrl: pointAtMocks(front.baseFor(md.name))(provider, md, type, false) });
      models.push({ ...md, name: n(md.name), provider: n(md.name) });
    }
    for (const r of m.routes) {
      routes.push({
        ...r,
        name: n(r.name),
        paths: r.paths.map((x) => (x.startsWith('~') ? `~/${p}${x.slice(1)}` : `/${p}${x}`)),
        models: r.models.map(n),
        balancer: { ...r.balancer, weights: Object.fromEntries(Object.entries(r.balancer.weights).map(([k, v]) => [n(k), v])) },
        policies: renamePolicies({ ...m.policies, ...r.policies }, n),
      });
    }
    const caseKeys = new Map<string, string>();
    keys.set(name, caseKeys);
    for (const c of m.consumers) {
      consumers.push({
        ...c,
        name: n(c.name),
        groups: c.groups.map(n),
        policies: renamePolicies(c.policies, n),
        credentials: c.credentials.map((cred, k) => {
          const variable = `AIGATE_TEST_KEY_${p.toUpperCase()}_${consumers.length}_${k + 1}`;
          const value = `aigate-test-${p}-${c.name}-${k + 1}`;
          env[variable] = value;
          if (k === 0) caseKeys.set(c.name, value);
          return { ...cred, key: { kind: 'env' as const, name: variable } };
        }),
      });
    }
    for (const g of m.consumerGroups) groups.push({ ...g, name: n(g.name), policies: renamePolicies(g.policies, n) });
  });
  const model: GatewayModel = {
    formatVersion: MODEL_FORMAT_VERSION,
    name: 'aigate-conformance',
    kong: { version: KONG_VERSIONS[KONG_VERSIONS.length - 1]! },
    providers,
    models,
    routes,
    consumers,
    consumerGroups: groups,
    vaults: {},
    policies: {},
  };
  return { model, prefixes, keys, env };
}
