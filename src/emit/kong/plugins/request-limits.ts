/** Limits on request counts as Kong's open-source rate-limiting plugin: one field per window
 * (second … month). Kong's docs schema for it is not vendored; targets/deck/unvendored-plugins.ts
 * lists the field names checked instead. */
import type { PathSegment } from '../../../diagnostics/index.ts';
import type { Limit, LimitsPolicy } from '../../../model/index.ts';
import type { KongContext } from '../context.ts';
import type { KongPlugin } from '../plugin-types.ts';
import { redisConfig, type RedisConfig } from '../redis.ts';
import type { ScopeRef } from '../scope.ts';
import { describeLimit, KONG_LIMIT_KEY, limitKey } from './limit-key.ts';

type Period = 'second' | 'minute' | 'hour' | 'day' | 'month';

// The config's named windows in seconds; Kong's `month` is a calendar month, the config's 30 days,
// close enough for a monthly quota and the only monthly window Kong has.
const PERIODS: ReadonlyMap<number, Period> = new Map([
  [1, 'second'],
  [60, 'minute'],
  [3600, 'hour'],
  [86_400, 'day'],
  [2_592_000, 'month'],
]);

export type RequestLimitsConfig = { readonly [P in Period]?: number } & {
  readonly limit_by: string;
  readonly header_name?: string;
  readonly hide_client_headers: boolean;
  readonly policy: 'local' | 'redis';
  readonly redis?: RedisConfig;
};

export function requestLimitsPlugin(ctx: KongContext, s: ScopeRef, policy: LimitsPolicy, at: readonly PathSegment[]): KongPlugin<RequestLimitsConfig> | undefined {
  const limits = policy.limits.filter((l) => l.count === 'requests');
  const key = limitKey(ctx, s, limits, at, 'rate-limiting');
  if (key === undefined) return undefined;
  const periods: { [P in Period]?: number } = {};
  let ok = true;
  for (const l of limits) {
    const period = PERIODS.get(l.windowSeconds);
    if (period === undefined || periods[period] !== undefined) {
      ctx.report('unsupported_by_target', at, period === undefined ? `Kong counts requests per second, minute, hour, day or month, not per ${l.windowSeconds} s (${describeLimit(l)})` : `Kong takes one request limit per ${period} (${describeLimit(l)})`, 'use window second, minute, hour, day or month, once each');
      ok = false;
    } else periods[period] = l.limit;
  }
  if (!ok) return undefined;
  if (policy.window === 'sliding') warnFixed(ctx, at, limits);
  const redis = ctx.model.redis && redisConfig(ctx, at, 'limits');
  return {
    name: 'rate-limiting',
    config: {
      ...periods,
      limit_by: KONG_LIMIT_KEY[key.by],
      header_name: key.header,
      hide_client_headers: policy.hideHeaders,
      policy: redis ? 'redis' : 'local',
      redis,
    },
  };
}

// Kong's rate-limiting has fixed windows only: say so rather than let a sliding limit pass quietly.
function warnFixed(ctx: KongContext, at: readonly PathSegment[], limits: readonly Limit[]): void {
  ctx.warn(
    'unsupported_by_target',
    at,
    `Kong's rate-limiting counts requests in fixed windows, so these sliding limits (${limits.map(describeLimit).join('; ')}) reset at each window's start`,
    'write the limits as { rules: [...], window: "fixed" } to say so, or count tokens instead',
  );
}
