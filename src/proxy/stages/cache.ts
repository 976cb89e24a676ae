/** Stage: the exact-match response cache, after the prompt policies and the request checks, keyed
 * by the final body (what would go upstream), the route, the configuration and the consumer. A hit
 * is answered from the cache, frames replayed for a stream; a miss goes upstream and the writers
 * keep a clean 200 (`deliver.ts`, `respond-stream.ts`). Semantic (similar-prompt) matching is not
 * run; the reference target warns about it. */
import type { OutgoingHttpHeaders } from 'node:http';
import { addResponseHeaders, type RequestContext } from '../context.ts';
import { withPolicyHeaders } from '../deliver.ts';
import type { CachePolicy } from '../../model/index.ts';
import type { CachedResponse, ResponseCache } from '../policies/index.ts';
import type { JsonObject } from '../translate/index.ts';
import type { RouteRuntime } from '../state.ts';

export function cacheLookup(ctx: RequestContext): Promise<undefined> | undefined {
  const scoped = ctx.policies.cache;
  const cache = ctx.state.policies.cache;
  if (scoped === undefined || cache === undefined || ctx.route === undefined || ctx.body === undefined) return undefined;
  return lookup(ctx, cache, scoped.policy, ctx.route, ctx.body);
}

async function lookup(ctx: RequestContext, cache: ResponseCache, policy: CachePolicy, rt: RouteRuntime, body: JsonObject): Promise<undefined> {
  const found = await cache.lookup(policy, {
    route: rt.cacheScope,
    ...(ctx.consumer && { consumer: ctx.consumer.name }),
    body,
    stream: ctx.stream,
    headers: ctx.req.headers,
  });
  ctx.cache = found;
  addResponseHeaders(ctx, found.headers);
  if (found.status === 'Hit') replay(ctx, found.response);
  return undefined;
}

function replay(ctx: RequestContext, cached: CachedResponse): void {
  // Nobody upstream serves this one; the stored headers still say which model first answered it.
  ctx.target = undefined;
  const h: OutgoingHttpHeaders = withPolicyHeaders(ctx, { ...cached.headers });
  const payload = cached.kind === 'json' ? cached.body : cached.frames.join('');
  if (cached.kind === 'stream') h['content-type'] = 'text/event-stream';
  h['content-length'] = Buffer.byteLength(payload);
  ctx.status = 200;
  ctx.responded = true;
  ctx.res.writeHead(200, h);
  ctx.res.end(payload);
}
