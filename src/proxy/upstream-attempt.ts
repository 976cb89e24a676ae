/** One try of one model: build the provider request, send it with the route's timeouts, and tell
 * the balancer and the trace how it went. The proxy stage decides what a failure means. */
import { queryOf, type RequestContext } from './context.ts';
import { pluginError, type Reply } from './errors.ts';
import { upstreamHeaders } from './headers.ts';
import type { AttemptTrace } from './policies/index.ts';
import type { RouteRuntime, Target } from './state.ts';
import { buildUpstreamRequest, type JsonObject } from './translate/index.ts';
import { callUpstream, type CallResult } from './upstream-call.ts';
import { costOf } from './usage.ts';

export type AttemptResult = CallResult | { readonly kind: 'reply'; readonly reply: Reply };

const ANSWERED: AttemptResult = Object.freeze({ kind: 'answered' });

/**
 * @param body the body in use (after the prompt policies), in OpenAI format
 * @param index 0 for the first choice, 1 for the first fallback, …
 * @param failoverOn which statuses to drop for the next model (absent on the last attempt)
 */
export async function attempt(
  ctx: RequestContext,
  rt: RouteRuntime,
  body: JsonObject,
  target: Target,
  index: number,
  failoverOn?: (status: number) => boolean,
): Promise<AttemptResult> {
  const { req, state, services } = ctx;
  ctx.target = target;
  ctx.attempts++;
  const provider = ctx.stream ? target.streamProvider : target.provider;
  let built = buildUpstreamRequest({
    provider,
    model: target.model,
    routeType: rt.route.type,
    body,
    stream: ctx.stream,
    resolveSecret: state.resolveSecret,
    clientHeaders: req.headers,
    // Absent fields are undefined rather than spread in: one object shape, no temporaries.
    clientQuery: ctx.search !== '' ? queryOf(ctx) : undefined,
    gcpToken: state.gcpToken || undefined,
    azureToken: state.azureToken || undefined,
  });
  if (built instanceof Promise) built = await built;
  if (!built.ok) return { kind: 'reply', reply: pluginError(built.status, built.message) };
  if (ctx.clientGone || req.socket.destroyed) {
    ctx.clientGone = true;
    return ANSWERED;
  }

  const { request } = built;
  let upstream;
  try {
    upstream = services.upstreams.route(request.url, rt.connectTimeoutMs);
  } catch {
    return { kind: 'reply', reply: pluginError(500, `provider '${provider.name}' has an invalid upstream URL`) };
  }
  // The route's balancer may wait less than the server would (Kong's per-target read_timeout).
  const readTimeoutMs = Math.min(services.settings.readTimeoutMs, rt.readTimeoutMs);
  const headers = upstreamHeaders(req.headers, ctx.hiddenHeader, request.headers, ctx.consumer);
  let span: AttemptTrace | undefined;
  if (ctx.trace !== undefined) {
    span = ctx.trace.startAttempt({ provider, model: target.model.model, attempt: index, url: request.url });
    headers.traceparent = span.traceparent;
  }
  const balancer = rt.balancer;
  const name = target.model.name;
  balancer?.start(name);
  const sentAt = performance.now();
  const result = await callUpstream(
    ctx,
    provider,
    upstream.pool,
    { path: upstream.path, method: request.method, headers, body: request.body, headersTimeout: readTimeoutMs, bodyTimeout: readTimeoutMs },
    failoverOn,
  );
  const ok = result.kind === 'answered' && ctx.status === 200 && ctx.error === undefined;
  if (balancer !== undefined) {
    balancer.finish(name);
    const usage = ok ? ctx.usage : undefined;
    balancer.report(name, { latencyMs: performance.now() - sentAt, ok, ...(usage && { tokens: usage, cost: costOf(usage, target.model.options) }) });
  }
  span?.end(
    result.kind === 'answered'
      ? { status: ctx.status, ...(ctx.usage && { usage: ctx.usage }), ...(!ok && { errorType: ctx.error ?? String(ctx.status) }) }
      : result.kind === 'status'
        ? { status: result.status, errorType: String(result.status) }
        : { errorType: result.kind === 'failed' ? result.failure : 'error' },
  );
  return result;
}
