/** Stage: ai-proxy's request checks, in the order of Kong's `normalize-request` filter: the body is
 * JSON, it holds prompts, its `model` is one the route serves, its format fits the route type,
 * and it asks for a stream only where streaming is allowed. Picks the model (target) and whether
 * the upstream call streams. Runs on the body in use, after the prompt policies, as ai-proxy
 * (priority 770) runs after them in Kong. */
import type { RequestContext } from '../context.ts';
import { BAD_JSON, incompatible, MULTIPLE_FORMATS, NO_PROMPTS, pluginError, STREAMING_DENIED, type Reply } from '../errors.ts';
import { jsonBody, NOT_AN_OBJECT } from './json-body.ts';

export function parseRequest(ctx: RequestContext): Reply | undefined {
  const rt = ctx.route;
  if (rt === undefined) return undefined;
  const body = jsonBody(ctx);
  if (body === undefined) return BAD_JSON;
  if (body === NOT_AN_OBJECT) return NO_PROMPTS;

  const messages = body.messages;
  const chat = Array.isArray(messages) && messages.length > 0;
  const completion = typeof body.prompt === 'string';
  if (!chat && !completion) return NO_PROMPTS;

  // Several models on a route: the body's model is tried first; otherwise the balancer orders
  // them when the request goes upstream (the proxy stage).
  let target = rt.targets[0];
  const asked = body.model;
  let named = false;
  if (typeof asked === 'string' && asked !== '') {
    const found = rt.byName.get(asked);
    if (found === undefined) return pluginError(400, `cannot use own model - ${rt.mustBe}`);
    target = found;
    named = true;
  }

  if (chat && completion) return MULTIPLE_FORMATS;
  if (chat !== (rt.route.type === 'chat')) return incompatible(chat);

  // Lua truthiness: anything but false and null asks for a stream.
  const wants = body.stream !== undefined && body.stream !== null && body.stream !== false;
  if (wants && rt.route.streaming === 'deny') return STREAMING_DENIED;
  ctx.target = target;
  ctx.modelNamed = named;
  ctx.stream = wants || rt.route.streaming === 'always';
  return undefined;
}
