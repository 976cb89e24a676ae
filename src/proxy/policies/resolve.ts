/** The effective policies of one request: for each policy kind, the one configured at the most
 * specific scope that applies (Kong's plugin precedence), except limits, where every scope's
 * limits apply at once. Results are memoised per (route, consumer), so engines that cache work
 * per policy object (compiled patterns) keep hitting the same objects. */
import type { GatewayModel, Policies, PolicyKind, PolicyScope, Route } from '../../model/index.ts';

/**
 * Kong runs one instance of a plugin per request, the one configured for the most specific set of
 * entities. Kong's full order ("Plugin precedence", developer.konghq.com/gateway/entities/plugin/
 * #plugin-precedence, also in app/plugins/scopes.md of Kong/developer.konghq.com):
 *   1 consumer+route+service   2 consumer-group+service+route   3 consumer+route
 *   4 consumer+service         5 consumer-group+route           6 consumer-group+service
 *   7 route+service            8 consumer    9 consumer-group    10 route   11 service   12 global
 * The model has no services and no combined scopes, so only 8, 9, 10 and 12 remain.
 */
export const SCOPE_PRECEDENCE = ['consumer', 'consumer-group', 'route', 'global'] as const satisfies readonly PolicyScope[];

/** Scopes at which Kong can run a plugin at all: ai-request-transformer's schema says
 * `consumer = typedefs.no_consumer` (FACTS §1.7), so a consumer's copy would never run. */
const NOT_AT: Partial<Record<PolicyKind, PolicyScope>> = { requestTransformer: 'consumer' };

/** One policy with the scope it came from (limits need it for counter keys and header names). */
export interface ScopedPolicy<K extends PolicyKind> {
  readonly scope: PolicyScope;
  /** The route, consumer or group name; `global` for the gateway-wide scope. */
  readonly name: string;
  readonly policy: NonNullable<Policies[K]>;
}

type Single = Exclude<PolicyKind, 'limits'>;

export type EffectivePolicies = { readonly [K in Single]?: ScopedPolicy<K> } & {
  /**
   * Every applicable scope's limits, most specific first. Kong would run only the most specific
   * ai-rate-limiting-advanced; we apply all of them, each counted on its own, because that is what
   * a budget means to its author: a gateway-wide budget AND a per-consumer limit AND a group
   * quota. A consumer in several groups spends from each group's budget.
   */
  readonly limits: readonly ScopedPolicy<'limits'>[];
};

/** Who is calling. The groups come from the model, so only the consumer's name is needed (the
 * server's consumer identity fits as is). */
export interface Caller {
  readonly name: string;
}

export interface PolicyResolver {
  resolve(route: Route, consumer?: Caller): EffectivePolicies;
}

type Layer = { readonly scope: PolicyScope; readonly name: string; readonly policies: Policies };

export function createPolicyResolver(gateway: Pick<GatewayModel, 'policies' | 'consumers' | 'consumerGroups'>): PolicyResolver {
  const consumers = new Map(gateway.consumers.map((c) => [c.name, c]));
  const groups = new Map(gateway.consumerGroups.map((g) => [g.name, g]));
  const memo = new Map<Route, Map<string, EffectivePolicies>>();

  function layers(route: Route, caller: Caller | undefined): Layer[] {
    const out: Layer[] = [];
    const consumer = caller && consumers.get(caller.name);
    if (consumer) {
      out.push({ scope: 'consumer', name: consumer.name, policies: consumer.policies });
      // Kong's consumer-group FAQ: with several groups, the group names' alphabetical order decides.
      for (const g of [...consumer.groups].sort()) {
        const group = groups.get(g);
        if (group) out.push({ scope: 'consumer-group', name: group.name, policies: group.policies });
      }
    }
    out.push({ scope: 'route', name: route.name, policies: route.policies });
    out.push({ scope: 'global', name: 'global', policies: gateway.policies });
    return out;
  }

  function compute(route: Route, caller: Caller | undefined): EffectivePolicies {
    const ls = layers(route, caller);
    const result: Record<string, unknown> = {};
    const limits: ScopedPolicy<'limits'>[] = [];
    for (const layer of ls) {
      for (const [kind, policy] of Object.entries(layer.policies) as [PolicyKind, unknown][]) {
        if (policy === undefined || NOT_AT[kind] === layer.scope) continue;
        const scoped = { scope: layer.scope, name: layer.name, policy };
        if (kind === 'limits') limits.push(scoped as ScopedPolicy<'limits'>);
        // Layers come most specific first, so the first one seen wins.
        else if (!(kind in result)) result[kind] = scoped;
      }
    }
    return Object.freeze({ ...result, limits: Object.freeze(limits) }) as EffectivePolicies;
  }

  return {
    resolve(route, caller) {
      let byConsumer = memo.get(route);
      if (!byConsumer) memo.set(route, (byConsumer = new Map()));
      const key = caller ? `consumer:${caller.name}` : 'anonymous';
      let found = byConsumer.get(key);
      if (!found) byConsumer.set(key, (found = compute(route, caller)));
      return found;
    },
  };
}
