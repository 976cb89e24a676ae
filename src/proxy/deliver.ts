/** The last step of every upstream-served response: the headers the policies add (rate limits,
 * cache status), which model served it, and, for a complete buffered answer, writing it and
 * keeping it in the response cache. */
import type { OutgoingHttpHeaders } from 'node:http';
import type { RequestContext } from './context.ts';
import type { HttpResponse } from './policies/index.ts';

/** A buffered response ready to send. */
export interface Outgoing {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  /** The upstream's bytes when the reply passes through untouched, else the text to send. */
  readonly body: string | Buffer;
}

/** Adds `X-AIGate-Served-By` (unless the route hides model names) and the policies' headers. */
export function withPolicyHeaders(ctx: RequestContext, h: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const target = ctx.target;
  if (target !== undefined && ctx.route?.route.modelNameHeader) h['x-aigate-served-by'] = target.model.name;
  if (ctx.extraHeaders !== undefined) Object.assign(h, ctx.extraHeaders);
  return h;
}

/** Writes a complete buffered response, and keeps a 200 in the cache when the lookup missed. */
export function deliver(ctx: RequestContext, out: Outgoing): void {
  const h = withPolicyHeaders(ctx, out.headers);
  h['content-length'] = Buffer.byteLength(out.body);
  ctx.status = out.status;
  ctx.responded = true;
  ctx.res.writeHead(out.status, h);
  ctx.res.end(out.body);
  const cache = ctx.cache;
  if (out.status === 200 && cache !== undefined && 'save' in cache) ctx.cacheWrite = cache.save(asHttpResponse(out));
}

/** Single-valued string headers, as the transformer and the cache take them. */
export function stringHeaders(h: OutgoingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in h) {
    const v = h[name];
    if (typeof v === 'string') out[name] = v;
    else if (typeof v === 'number') out[name] = String(v);
  }
  return out;
}

export function asHttpResponse(out: Outgoing): HttpResponse {
  const body = out.body;
  return { status: out.status, headers: stringHeaders(out.headers), body: typeof body === 'string' ? body : body.toString('utf8') };
}
