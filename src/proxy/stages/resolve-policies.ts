/** Stage: which policies apply, now that the consumer is known (Kong runs key-auth before its AI
 * plugins, and a consumer's or group's plugin instance wins over the route's). Resolved once per
 * route and consumer; a gateway without policies skips straight on. Starts the request's trace
 * when an observability policy exports traces. */
import { NO_POLICIES, type RequestContext } from '../context.ts';
import { jsonBody } from './json-body.ts';

export function resolvePolicies(ctx: RequestContext): undefined {
  const rt = ctx.route;
  if (rt === undefined) return undefined;
  const policies = rt.policiesFor(ctx.consumer);
  if (policies === NO_POLICIES) return undefined;
  ctx.policies = policies;
  const observability = policies.observability;
  if (observability === undefined) return undefined;
  const tracing = ctx.state.policies.tracingFor(observability.policy);
  if (tracing === undefined) return undefined;
  const traceparent = ctx.req.headers.traceparent;
  const body = jsonBody(ctx);
  ctx.trace = tracing.startRequest({
    routeType: rt.route.type,
    route: rt.route.name,
    ...(ctx.consumer && { consumer: ctx.consumer.name }),
    ...(body !== undefined && { body }),
    ...(typeof traceparent === 'string' && { traceparent }),
  });
  return undefined;
}
