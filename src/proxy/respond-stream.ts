/** Writes a streamed 200 reply: each chunk undici delivers is translated and the frames it yields
 * are written at once, never collected. The stream ends with the translator's `[DONE]` (or Kong's
 * error chunk); if the upstream breaks, stalls or stops before its end event, the client gets an
 * error event instead, never a clean `[DONE]`. */
import { KONG, streamErrorEvent } from './errors.ts';
import { downstreamHeaders } from './headers.ts';
import { createStreamTranslator, DONE_FRAME, ERROR_FRAME } from './translate/index.ts';
import type { Exchange, ReplyWriter } from './upstream-call.ts';
import { streamUsage } from './usage.ts';

const INCOMPLETE = 'the upstream ended the stream before its end event';

export function streamWriter({ ctx, provider, headers }: Exchange): ReplyWriter {
  const { res, target, route, body } = ctx;
  if (target === undefined || route === undefined || body === undefined) throw new Error('a stream needs a routed, parsed request');
  const type = headers['content-type'];
  const translator = createStreamTranslator(provider, target.model, route.route.type, Array.isArray(type) ? type[0] : type);

  const h = downstreamHeaders(headers, { rewritten: true, provider: provider.kind });
  h['content-type'] = 'text/event-stream';
  if (route.route.modelNameHeader) h['x-kong-llm-model'] = target.modelHeader;
  ctx.status = 200;
  ctx.responded = true;
  res.writeHead(200, h);
  res.flushHeaders();

  // After the terminal frame the client's response is complete; the rest of the upstream body is
  // still read (and dropped) so its connection can be reused.
  let ended = false;
  const finish = (frames: readonly string[], tail = '') => {
    ended = true;
    ctx.usage = streamUsage(translator.usage(), body, translator.text());
    if (frames.includes(ERROR_FRAME)) ctx.error = 'stream_untranslatable';
    res.end(frames.join('') + tail);
  };

  return {
    data(chunk) {
      if (ended) return true;
      const frames = translator.push(chunk);
      if (translator.finished()) {
        finish(frames);
        return true;
      }
      if (frames.length === 0) return true;
      return res.write(frames.length === 1 ? (frames[0] as string) : frames.join(''));
    },
    end() {
      if (ended) return;
      const frames = translator.end();
      if (frames.includes(DONE_FRAME) || frames.includes(ERROR_FRAME)) return finish(frames);
      finish(frames, streamErrorEvent(INCOMPLETE));
      ctx.error = 'stream_incomplete';
    },
    fail(failure) {
      if (ended) return;
      if (failure === 'aborted') {
        // Nobody to write to; the tokens the upstream spent so far still count.
        ended = true;
        ctx.usage = streamUsage(translator.usage(), body, translator.text());
        return;
      }
      finish([], streamErrorEvent(failure === 'timeout' ? KONG.gatewayTimeout : KONG.badGateway));
      ctx.error = failure === 'timeout' ? 'stream_timeout' : 'stream_cut';
    },
  };
}
