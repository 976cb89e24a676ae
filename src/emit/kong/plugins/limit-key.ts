/** What a Kong rate-limiting plugin keeps its counters per: one key for all the limits it holds. */
import type { PathSegment } from '../../../diagnostics/index.ts';
import type { Limit, LimitKey } from '../../../model/index.ts';
import type { KongContext } from '../context.ts';
import type { ScopeRef } from '../scope.ts';

export interface LimitKeyChoice {
  readonly by: LimitKey;
  readonly header?: string;
}

/** Kong's name for each key (`identifier` / `limit_by`). */
export const KONG_LIMIT_KEY: Record<LimitKey, string> = {
  consumer: 'consumer',
  'consumer-group': 'consumer-group',
  credential: 'credential',
  ip: 'ip',
  // aigate writes one Kong service per route (deck) and KIC builds one per HTTPRoute rule, of which
  // aigate writes one, so counting per service is counting per route.
  route: 'service',
  header: 'header',
};

/** How a limit is named in a message: "1000 total-tokens per 60 s by consumer". */
export function describeLimit(l: Limit): string {
  return `${l.limit} ${l.count} per ${l.windowSeconds} s by ${l.by}${l.header ? ` (${l.header})` : ''}`;
}

/**
 * The one key `limits` share, or `undefined` with diagnostics: a plugin has a single identifier,
 * and Kong counts per consumer group only in a plugin attached to that group.
 */
export function limitKey(ctx: KongContext, s: ScopeRef, limits: readonly Limit[], at: readonly PathSegment[], plugin: string): LimitKeyChoice | undefined {
  const [first] = limits;
  if (first === undefined) return undefined;
  let ok = true;
  for (const l of limits.slice(1)) {
    if (l.by !== first.by || l.header !== first.header) {
      ctx.report('unsupported_by_target', at, `Kong's ${plugin} keeps all the limits of one scope per one key, and these count per ${first.by} and per ${l.by}`, 'count every limit of this scope by the same key, or move one to another scope');
      ok = false;
      break;
    }
  }
  if (first.by === 'consumer-group' && s.scope !== 'consumer-group') {
    ctx.report('unsupported_by_target', at, `Kong counts per consumer group only in a plugin attached to that group (${plugin})`, 'put this limit under consumerGroups.<name>.policies');
    ok = false;
  }
  return ok ? { by: first.by, header: first.header } : undefined;
}
