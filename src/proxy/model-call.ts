/** How the AI transformers ask a model: a buffered chat request to a model of the configuration,
 * through the proxy's own provider layer (the same translation, credentials and connection pools
 * as proxied requests, so `--mock` reaches the mocks too), answered with `choices[0].message.content`. */
import type { RequestContext } from './context.ts';
import type { CallModel, ChatMessage, ModelAnswer } from './policies/index.ts';
import { buildUpstreamRequest, translateResponse } from './translate/index.ts';

export function modelCaller(ctx: RequestContext): CallModel {
  return (model, messages, options) => callModel(ctx, model, messages, options.timeoutMs, options.signal);
}

async function callModel(ctx: RequestContext, name: string, messages: readonly ChatMessage[], timeoutMs: number, signal: AbortSignal): Promise<ModelAnswer> {
  const { state, services } = ctx;
  const target = state.models.get(name);
  if (target === undefined) return { ok: false, error: `model "${name}" is not in the configuration` };
  const built = await buildUpstreamRequest({
    provider: target.provider,
    model: target.model,
    routeType: 'chat',
    body: { messages: messages.map((m) => ({ role: m.role, content: m.content })), stream: false },
    stream: false,
    resolveSecret: state.resolveSecret,
    ...(state.gcpToken && { gcpToken: state.gcpToken }),
    ...(state.azureToken && { azureToken: state.azureToken }),
  });
  if (!built.ok) return { ok: false, error: built.message };
  const { request } = built;
  const { pool, path } = services.upstreams.route(request.url);
  const timeout = Math.min(timeoutMs, services.settings.readTimeoutMs);
  const reply = await pool.request({ path, method: request.method, headers: request.headers, body: request.body, signal, headersTimeout: timeout, bodyTimeout: timeout });
  const text = await reply.body.text();
  if (reply.statusCode !== 200) return { ok: false, error: `the model answered with status ${reply.statusCode}` };
  const out = translateResponse(target.provider, target.model, 'chat', 200, text);
  if (out.status !== 200) return { ok: false, error: `the model's reply could not be read` };
  let json: unknown = out.body;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch {
      return { ok: false, error: `the model's reply is not JSON` };
    }
  }
  const choice = (json as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0];
  const content = choice?.message?.content;
  return { ok: true, content: typeof content === 'string' ? content : undefined };
}
