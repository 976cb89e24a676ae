/** Writes a buffered (non-streaming) 200 reply: the provider's body is collected, translated to
 * OpenAI format (or passed through when it already is), and sent with its length and the model
 * header; its usage is kept for metrics, logs and limits. Nothing is sent before the body is
 * complete, so an upstream failure meanwhile still gets Kong's 502/504 (or the next model). With a
 * response transformer on the route, the translated reply is held for it instead of sent. */
import { deliver, type Outgoing } from './deliver.ts';
import { downstreamHeaders } from './headers.ts';
import { translateResponse } from './translate/index.ts';
import type { Exchange, ReplyWriter } from './upstream-call.ts';

export function bufferedWriter({ ctx, provider, headers }: Exchange): ReplyWriter {
  // Most replies arrive in one chunk: no array, no concat.
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  return {
    data(chunk) {
      if (first === undefined) first = chunk;
      else (more ??= [first]).push(chunk);
      return true;
    },
    end() {
      const { target, route } = ctx;
      if (target === undefined || route === undefined) return true;
      const raw = more ? Buffer.concat(more) : (first ?? EMPTY);
      const out = translateResponse(provider, target.model, route.route.type, 200, raw.toString('utf8'));
      const passed = typeof out.body === 'string';
      // A reply that passes through untouched goes out as the upstream's bytes, not re-encoded.
      const payload = passed ? raw : JSON.stringify(out.body);
      const h = downstreamHeaders(headers, { rewritten: true, provider: provider.kind });
      const type = headers['content-type'];
      h['content-type'] = (passed && (Array.isArray(type) ? type[0] : type)) || 'application/json';
      if (out.status === 200 && route.route.modelNameHeader) h['x-kong-llm-model'] = target.modelHeader;
      if (out.status !== 200) ctx.error = 'response_untranslatable';
      ctx.usage = out.usage;
      ctx.status = out.status;
      const reply: Outgoing = { status: out.status, headers: h, body: payload };
      if (out.status === 200 && ctx.policies.responseTransformer !== undefined) ctx.held = reply;
      else deliver(ctx, reply);
      return true;
    },
    // Nothing goes out before the body is complete, so there is nothing to end.
    fail: () => {},
  };
}

const EMPTY = Buffer.alloc(0);
