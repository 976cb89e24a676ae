/** A policy scope as the Kong layer sees it: where its config lives, which routes its traffic can
 * take, and which Kong entities can carry its plugins. */
import type { PathSegment } from '../../diagnostics/index.ts';
import { byName, type GatewayModel, type Policies, type Route } from '../../model/index.ts';

export type ScopeRef =
  | { readonly scope: 'global' }
  | { readonly scope: 'route'; readonly route: Route }
  | { readonly scope: 'consumer'; readonly name: string }
  | { readonly scope: 'consumer-group'; readonly name: string };

/** The config path of the scope's `policies`. */
export function scopePath(s: ScopeRef): PathSegment[] {
  switch (s.scope) {
    case 'global':
      return ['policies'];
    case 'route':
      return ['routes', s.route.name, 'policies'];
    case 'consumer':
      return ['consumers', s.name, 'policies'];
    case 'consumer-group':
      return ['consumerGroups', s.name, 'policies'];
  }
}

export function scopePolicies(m: GatewayModel, s: ScopeRef): Policies {
  switch (s.scope) {
    case 'global':
      return m.policies;
    case 'route':
      return s.route.policies;
    case 'consumer':
      return byName(m.consumers, s.name)?.policies ?? {};
    case 'consumer-group':
      return byName(m.consumerGroups, s.name)?.policies ?? {};
  }
}

/**
 * The routes a scope's plugins can see. A consumer's or group's plugins run wherever Kong has
 * identified the consumer, which aigate's key-auth does only on routes with auth; listing every
 * route is the safe side for what those plugins need to know (e.g. the providers a limit counts).
 */
export function reachedRoutes(m: GatewayModel, s: ScopeRef): readonly Route[] {
  return s.scope === 'route' ? [s.route] : m.routes;
}

/** Whether Kong logs request and response bodies for a route: its own setting, or an observability
 * policy at the route or gateway asking for payloads. */
export function payloadsLogged(m: GatewayModel, route: Route): boolean {
  return route.logging.payloads || m.policies.observability?.logs?.payloads === true || route.policies.observability?.logs?.payloads === true;
}

