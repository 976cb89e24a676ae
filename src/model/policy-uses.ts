/** Every AI policy a model sets, with the config path that sets it: what a target walks when it
 * must say which policies it cannot write. */
import type { PathSegment } from '../diagnostics/index.ts';
import type { GatewayModel } from './gateway.ts';
import { POLICY_KINDS, type Policies, type PolicyKind, type PolicyScope } from './policies.ts';

export interface PolicyUse {
  readonly scope: PolicyScope;
  readonly kind: PolicyKind;
  /** Where the config sets it, e.g. ['routes', 'chat', 'policies', 'promptGuard']. */
  readonly path: readonly PathSegment[];
}

/** In config order: global, then routes, consumers and consumer groups; kinds in Kong's plugin order. */
export function policyUses(m: GatewayModel): PolicyUse[] {
  const out: PolicyUse[] = [];
  const add = (scope: PolicyScope, policies: Policies | undefined, at: readonly PathSegment[]) => {
    for (const kind of POLICY_KINDS) if (policies?.[kind] !== undefined) out.push({ scope, kind, path: [...at, 'policies', kind] });
  };
  add('global', m.policies, []);
  for (const r of m.routes) add('route', r.policies, ['routes', r.name]);
  for (const c of m.consumers) add('consumer', c.policies, ['consumers', c.name]);
  for (const g of m.consumerGroups) add('consumer-group', g.policies, ['consumerGroups', g.name]);
  return out;
}
