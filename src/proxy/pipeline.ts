/** The request path as a list of stages, in Kong's plugin order. Each stage reads and fills the
 * request context and either lets the request go on (`undefined`) or answers it (a `Reply`).
 *
 *   route → read body → key-auth → request checks
 *     → [request transformer → prompt template → prompt decorator → prompt guard]   (policies, later)
 *     → proxy → [response transformer]                                              (later)
 *
 * Kong runs key-auth (priority 1250) before the AI plugins (777…768), and its body-size limit
 * before any plugin; the policy stages slot in between the checks and the proxy. */
import type { RequestContext } from './context.ts';
import type { Reply } from './errors.ts';
import { keyAuth } from './stages/key-auth.ts';
import { parseRequest } from './stages/parse-request.ts';
import { proxy } from './stages/proxy.ts';
import { readBody } from './stages/read-body.ts';
import { route } from './stages/route.ts';

export type StageResult = Reply | undefined;
export type Stage = (ctx: RequestContext) => StageResult | Promise<StageResult>;

export const STAGES: readonly Stage[] = [route, readBody, keyAuth, parseRequest, proxy];

export async function runPipeline(ctx: RequestContext, stages: readonly Stage[] = STAGES): Promise<void> {
  for (const stage of stages) {
    let result = stage(ctx);
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
  if (reply.headers) Object.assign(headers, reply.headers);
  ctx.res.writeHead(reply.status, headers).end(reply.body);
}
