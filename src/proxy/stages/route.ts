/** Stage: find the route for the request path (Kong's router), or Kong's 404. */
import type { RequestContext } from '../context.ts';
import { NO_ROUTE, type Reply } from '../errors.ts';

export function route(ctx: RequestContext): Reply | undefined {
  const found = ctx.state.router.match(ctx.pathname);
  if (found === undefined) return NO_ROUTE;
  ctx.route = found;
  return undefined;
}
