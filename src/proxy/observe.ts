/** What a finished request leaves behind: one log line and its metrics (with its cache status and
 * limit outcome when those policies applied). Token counts and cost are recorded only for routes
 * that log statistics, as Kong's AI metrics need `log_statistics`. */
import type { RequestContext } from './context.ts';
import { logLine, tokensOf, type LogSink } from './log.ts';
import type { ProxyMetrics } from './metrics.ts';
import { costOf } from './usage.ts';

/** nginx's status for "the client closed the connection before the response was complete". */
export const CLIENT_CLOSED = 499;

export function observe(ctx: RequestContext, metrics: ProxyMetrics, log: LogSink | undefined): void {
  const route = ctx.route?.route;
  const target = ctx.target;
  const usage = route?.logging.statistics ? ctx.usage : undefined;
  const cost = usage && target ? costOf(usage, target.model.options) : undefined;
  const status = ctx.clientGone ? CLIENT_CLOSED : ctx.status;
  // One object of a fixed shape (absent fields undefined), no spreads: this runs for every request.
  metrics.record({
    route: route?.name ?? '',
    consumer: ctx.consumer?.name ?? '',
    provider: target?.provider.name ?? '',
    model: target?.model.name ?? '',
    status,
    upstreamMs: ctx.upstreamMs,
    usage,
    cost,
    cacheStatus: ctx.cache?.status,
    limit: ctx.limit,
    limitHeaders: ctx.limit !== undefined ? ctx.limitHeaders : undefined,
  });
  if (log === undefined) return;
  log.write(
    logLine({
      time: new Date().toISOString(),
      method: ctx.req.method ?? '',
      path: ctx.pathname,
      route: route?.name ?? null,
      consumer: ctx.consumer?.name ?? null,
      provider: target?.provider.name ?? null,
      model: target?.model.name ?? null,
      status,
      stream: ctx.stream,
      latency_ms: round(performance.now() - ctx.startedAt),
      upstream_latency_ms: ctx.upstreamMs === undefined ? null : round(ctx.upstreamMs),
      tokens: tokensOf(usage),
      cost: cost ?? null,
      error: ctx.error ?? null,
      attempts: ctx.attempts,
      cache: ctx.cache?.status ?? null,
      limit: ctx.limit ?? null,
    }),
  );
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
