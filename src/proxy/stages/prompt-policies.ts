/** Stages: the prompt policies, in Kong's order (ai-request-transformer 777, ai-prompt-template
 * 773, ai-prompt-decorator 772, ai-prompt-guard 771). Each reads the body in use, as Kong's plugins
 * share one, and either rewrites it or answers with the plugin's own error. */
import type { RequestContext } from '../context.ts';
import type { Reply } from '../errors.ts';
import type { RequestTransformerPolicy } from '../../model/index.ts';
import { applyPromptTemplate, checkPrompt, decoratePrompt, transformRequest } from '../policies/index.ts';
import { modelCaller } from '../model-call.ts';
import { jsonBody, replaceBody } from './json-body.ts';

/** An LLM rewrites the raw body; its answer is the body from here on. */
export function requestTransformer(ctx: RequestContext): Promise<Reply | undefined> | undefined {
  const scoped = ctx.policies.requestTransformer;
  return scoped === undefined ? undefined : transform(ctx, scoped.policy);
}

async function transform(ctx: RequestContext, policy: RequestTransformerPolicy): Promise<Reply | undefined> {
  const out = await transformRequest(policy, ctx.rawBody?.toString('utf8') ?? '', modelCaller(ctx));
  if (!out.ok) return out.reply;
  replaceBody(ctx, out.value);
  return undefined;
}

/** A `{template://NAME}` request becomes the rendered template, which is parsed as the new body. */
export function promptTemplate(ctx: RequestContext): Reply | undefined {
  const scoped = ctx.policies.promptTemplates;
  if (scoped === undefined) return undefined;
  const out = applyPromptTemplate(scoped.policy, jsonBody(ctx));
  if (!out.ok) return out.reply;
  if (out.value !== undefined) {
    replaceBody(ctx, out.value);
    jsonBody(ctx);
  }
  return undefined;
}

/** The configured messages go before and after the client's. */
export function promptDecorator(ctx: RequestContext): Reply | undefined {
  const scoped = ctx.policies.promptDecorator;
  if (scoped === undefined) return undefined;
  const out = decoratePrompt(scoped.policy, jsonBody(ctx));
  if (!out.ok) return out.reply;
  ctx.body = out.value;
  return undefined;
}

/** Deny and allow patterns over the prompts, decorated ones included (the guard runs last). */
export function promptGuard(ctx: RequestContext): Reply | undefined {
  const scoped = ctx.policies.promptGuard;
  return scoped === undefined ? undefined : checkPrompt(scoped.policy, jsonBody(ctx));
}
