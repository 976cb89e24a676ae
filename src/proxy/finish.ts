/** What a request settles once its response is out: the limits get its real usage (zero when it
 * failed or came from the cache) in place of its reservation, its trace span ends, and cache
 * writes finish. The returned promise, if any, is what the request's state must outlive (its Redis
 * connection is closed only after). */
import type { RequestContext } from './context.ts';
import { CLIENT_CLOSED } from './observe.ts';
import { costOf } from './usage.ts';

const NO_USAGE = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
const ignore = () => {};

export function finishPolicies(ctx: RequestContext): Promise<void> | undefined {
  const limiter = ctx.state.policies.limiter;
  const ticket = limiter === undefined ? undefined : ctx.limitTicket;
  if (ctx.trace === undefined && ticket === undefined && ctx.cacheWrite === undefined) return undefined;
  const { usage, target } = ctx;
  const cost = usage && target ? costOf(usage, target.model.options) : 0;
  if (ctx.trace !== undefined) {
    const status = ctx.clientGone ? CLIENT_CLOSED : ctx.status;
    const errorType = ctx.error ?? (status >= 500 ? String(status) : undefined);
    ctx.trace.end({
      status,
      ...(usage && { usage }),
      ...(target && { provider: target.provider, cost }),
      ...(ctx.cache && { cacheStatus: ctx.cache.status }),
      ...(errorType !== undefined && { errorType }),
    });
  }
  let pending: Promise<unknown> | undefined;
  if (ticket !== undefined) pending = limiter?.record(ticket, usage ?? NO_USAGE, cost);
  if (ctx.cacheWrite !== undefined) pending = pending ? Promise.all([pending, ctx.cacheWrite]) : ctx.cacheWrite;
  return pending?.then(ignore, ignore);
}
