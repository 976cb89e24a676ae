/** The request path as a list of stages, in Kong's plugin order. Each stage reads and fills the
 * request context and either lets the request go on (`undefined`) or answers it (a `Reply`).
 *
 *   route → read body → key-auth → resolve policies → limits
 *     → request transformer → prompt template → prompt decorator → prompt guard
 *     → request checks → cache → proxy (balancer, fallback) → response transformer
 *
 * Kong runs key-auth (priority 1250) before the AI plugins, and its body-size limit before any
 * plugin; the AI plugins run by priority: request transformer 777, template 773, decorator 772,
 * guard 771, ai-proxy 770 (whose request checks therefore see the rewritten body), response
 * transformer 768. Limits run before them, as ai-rate-limiting-advanced does. A stage whose policy
 * is absent returns at once, so a gateway without policies pays a property read per stage. */
import type { RequestContext } from './context.ts';
import type { Reply } from './errors.ts';
import { cacheLookup } from './stages/cache.ts';
import { keyAuth } from './stages/key-auth.ts';
import { limits } from './stages/limits.ts';
import { parseRequest } from './stages/parse-request.ts';
import { promptDecorator, promptGuard, promptTemplate, requestTransformer } from './stages/prompt-policies.ts';
import { proxy } from './stages/proxy.ts';
import { readBody } from './stages/read-body.ts';
import { resolvePolicies } from './stages/resolve-policies.ts';
import { responseTransformer } from './stages/response-transformer.ts';
import { route } from './stages/route.ts';

export type StageResult = Reply | undefined;
export type Stage = (ctx: RequestContext) => StageResult | Promise<StageResult>;

export const STAGES: readonly Stage[] = [
  route,
  readBody,
  keyAuth,
  resolvePolicies,
  limits,
  requestTransformer,
  promptTemplate,
  promptDecorator,
  promptGuard,
  parseRequest,
  cacheLookup,
  proxy,
  responseTransformer,
];

export async function runPipeline(ctx: RequestContext, stages: readonly Stage[] = STAGES): Promise<void> {
  // An index, not for…of: the iterator would outlive each await and cost a call per stage.
  for (let i = 0; i < stages.length; i++) {
    let result = (stages[i] as Stage)(ctx);
    // Most stages are synchronous; awaiting only real promises saves a microtask each.
    if (result instanceof Promise) result = await result;
    if (ctx.clientGone || ctx.responded) return;
    if (result !== undefined) return sendReply(ctx, result);
  }
}

export function sendReply(ctx: RequestContext, reply: Reply): void {
  ctx.status = reply.status;
  ctx.responded = true;
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(reply.body) };
  // The policies' headers (rate limits, cache status) go on every answer, errors included.
  if (ctx.extraHeaders) Object.assign(headers, ctx.extraHeaders);
  if (reply.headers) Object.assign(headers, reply.headers);
  ctx.res.writeHead(reply.status, headers).end(reply.body);
}
