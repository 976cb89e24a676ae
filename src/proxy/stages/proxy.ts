/** Stage: ai-proxy's call, with ai-proxy-advanced's balancing and fallback. The route's balancer
 * orders its models (a model the client named goes first); each is tried in turn while the
 * previous one failed in a way the route fails over on (`failover` criteria: connection errors,
 * timeouts, listed statuses), and only while nothing has reached the client. The last failure is
 * the client's: Kong's 502/503/504, or the provider's own error passed through. */
import type { RequestContext } from '../context.ts';
import type { Reply } from '../errors.ts';
import { failureReply } from '../failure.ts';
import { shouldFailover } from '../policies/index.ts';
import type { RouteRuntime, Target } from '../state.ts';
import { attempt } from '../upstream-attempt.ts';

export async function proxy(ctx: RequestContext): Promise<Reply | undefined> {
  const { target, route, body } = ctx;
  if (target === undefined || route === undefined || body === undefined) return undefined;
  const order = attemptOrder(ctx, route, target);
  const last = order.length - 1;
  // One model (the common case) has nothing to fail over to: no closure for it.
  const failoverOn = last > 0 ? (status: number) => shouldFailover(route.failover, { kind: 'status', status, streamStarted: false }) : undefined;
  for (let i = 0; ; i++) {
    const result = await attempt(ctx, route, body, order[i] as Target, i, i < last ? failoverOn : undefined);
    switch (result.kind) {
      case 'reply':
        return result.reply;
      case 'answered':
        return undefined;
      case 'status':
        // Only a status `failoverOn` accepted comes back here, so there is a next model.
        continue;
      case 'failed': {
        const kind = result.failure === 'timeout' ? 'timeout' : 'error';
        if (i < last && result.failure !== 'aborted' && shouldFailover(route.failover, { kind, streamStarted: ctx.responded })) continue;
        return failureReply(ctx, result.failure);
      }
    }
  }
}

/** The models to try, first choice first. One model needs no balancer (and no allocation). */
function attemptOrder(ctx: RequestContext, route: RouteRuntime, first: Target): readonly Target[] {
  const balancer = route.balancer;
  if (balancer === undefined) return route.targets.length === 1 ? route.targets : [first];
  const picked = balancer.pick({ headers: ctx.req.headers });
  const order: Target[] = ctx.modelNamed ? [first] : [];
  for (const name of picked) {
    const t = route.byModel.get(name);
    if (t !== undefined && !order.includes(t)) order.push(t);
  }
  // The picks' length is the retry budget; a named model spends one of it.
  return order.slice(0, Math.max(1, picked.length));
}
