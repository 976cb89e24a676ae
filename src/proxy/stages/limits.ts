/** Stage: request, token and cost limits (ai-rate-limiting-advanced), after auth and before the AI
 * plugins. A request over a limit gets Kong's 429 with the rate-limit headers; an admitted one
 * reserves what it is expected to use (Kong's prompt-word estimate plus its max_tokens), carries
 * the headers on its response, and settles the reservation with its real usage when it ends
 * (`finish.ts`). */
import { addResponseHeaders, type RequestContext } from '../context.ts';
import type { Reply } from '../errors.ts';
import type { LimitDecision, LimitRequest } from '../policies/index.ts';
import type { RouteRuntime } from '../state.ts';
import type { JsonObject } from '../translate/index.ts';
import { costOf, estimatePromptTokens } from '../usage.ts';
import { jsonBody, NOT_AN_OBJECT } from './json-body.ts';

export function limits(ctx: RequestContext): Reply | undefined | Promise<Reply | undefined> {
  const scopes = ctx.policies.limits;
  const limiter = ctx.state.policies.limiter;
  if (scopes.length === 0 || limiter === undefined || ctx.route === undefined) return undefined;
  const decision = limiter.check(scopes, limitRequest(ctx, ctx.route));
  // In-memory counters decide at once; Redis answers later.
  return decision instanceof Promise ? decision.then((d) => apply(ctx, d)) : apply(ctx, decision);
}

function limitRequest(ctx: RequestContext, rt: RouteRuntime): LimitRequest {
  const consumer = ctx.consumer;
  // Every field present (undefined when absent): one object shape, no spread temporaries.
  return {
    route: rt.route.name,
    consumer,
    credential: consumer?.credential,
    client: ctx.req.socket,
    headers: ctx.req.headers,
    providers: rt.providers,
    estimate: estimate(rt, jsonBody(ctx)),
  };
}

function apply(ctx: RequestContext, decision: LimitDecision): Reply | undefined {
  ctx.limitHeaders = decision.reply?.headers ?? decision.headers;
  if (!decision.allowed && decision.reply) {
    ctx.limit = 'rejected';
    return decision.reply;
  }
  ctx.limit = decision.error === undefined ? 'allowed' : 'error';
  ctx.limitTicket = decision.ticket;
  addResponseHeaders(ctx, decision.headers);
  return undefined;
}

const NOTHING = { prompt_tokens: 0, completion_tokens: 0, cost: 0 };

/** What the request will likely use: Kong's prompt estimate (words, ×1.8 for a stream) plus the
 * completion it may ask for (the model's `maxTokens` wins over the body's, as Kong merges options). */
function estimate(rt: RouteRuntime, body: JsonObject | undefined): LimitRequest['estimate'] {
  if (body === undefined || body === NOT_AN_OBJECT) return NOTHING;
  const stream = (body.stream !== undefined && body.stream !== null && body.stream !== false) || rt.route.streaming === 'always';
  const model = rt.targets[0].model;
  const asked = typeof body.max_tokens === 'number' ? body.max_tokens : typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : 0;
  const usage = { prompt_tokens: estimatePromptTokens(body, stream), completion_tokens: model.options.maxTokens ?? asked, total_tokens: 0 };
  return { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, cost: costOf(usage, model.options) };
}
