/** Stage: ai-proxy's call. Builds the provider request with the translators and sends it through
 * the pool of the provider's origin; the reply is written as undici parses it (see
 * `upstream-call.ts`): untouched for a non-200, translated whole for a buffered 200, frame by
 * frame for a stream. */
import { queryOf, type RequestContext } from '../context.ts';
import { pluginError, type Reply } from '../errors.ts';
import { upstreamHeaders } from '../headers.ts';
import { buildUpstreamRequest } from '../translate/index.ts';
import { callUpstream } from '../upstream-call.ts';

export async function proxy(ctx: RequestContext): Promise<Reply | undefined> {
  const { target, route, body, req, state, services } = ctx;
  if (target === undefined || route === undefined || body === undefined) return undefined;
  const provider = ctx.stream ? target.streamProvider : target.provider;
  const built = await buildUpstreamRequest({
    provider,
    model: target.model,
    routeType: route.route.type,
    body,
    stream: ctx.stream,
    resolveSecret: state.resolveSecret,
    clientHeaders: req.headers,
    ...(ctx.search !== '' && { clientQuery: queryOf(ctx) }),
    ...(state.gcpToken && { gcpToken: state.gcpToken }),
    ...(state.azureToken && { azureToken: state.azureToken }),
  });
  if (!built.ok) return pluginError(built.status, built.message);
  if (ctx.clientGone || req.socket.destroyed) {
    ctx.clientGone = true;
    return undefined;
  }

  const { request } = built;
  let upstream;
  try {
    upstream = services.upstreams.route(request.url);
  } catch {
    return pluginError(500, `provider '${provider.name}' has an invalid upstream URL`);
  }
  const { readTimeoutMs } = services.settings;
  return callUpstream(ctx, provider, upstream.pool, {
    path: upstream.path,
    method: request.method,
    headers: upstreamHeaders(req.headers, ctx.hiddenHeader, request.headers, ctx.consumer),
    body: request.body,
    headersTimeout: readTimeoutMs,
    bodyTimeout: readTimeoutMs,
  });
}
