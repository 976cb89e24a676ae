/** Stage: ai-response-transformer, after the proxy. The buffered writer held the translated 200
 * back; an LLM rewrites it (or, with JSON instructions, its status, headers and body) and the
 * result is sent. Streams, and replies other than 200, are never held, so they pass untouched, as
 * Kong's transformer works on buffered responses only. */
import type { RequestContext } from '../context.ts';
import { asHttpResponse, deliver, type Outgoing } from '../deliver.ts';
import type { Reply } from '../errors.ts';
import { modelCaller } from '../model-call.ts';
import type { ResponseTransformerPolicy } from '../../model/index.ts';
import { transformResponse } from '../policies/index.ts';

export function responseTransformer(ctx: RequestContext): Promise<Reply | undefined> | undefined {
  const held = ctx.held;
  const scoped = ctx.policies.responseTransformer;
  if (held === undefined || scoped === undefined || ctx.responded) return undefined;
  ctx.held = undefined;
  return transform(ctx, scoped.policy, held);
}

async function transform(ctx: RequestContext, policy: ResponseTransformerPolicy, held: Outgoing): Promise<Reply | undefined> {
  const out = await transformResponse(policy, asHttpResponse(held), modelCaller(ctx));
  if (!out.ok) return out.reply;
  deliver(ctx, { status: out.value.status, headers: { ...out.value.headers }, body: out.value.body });
  return undefined;
}
