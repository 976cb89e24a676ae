/** Writes a streamed 200 reply: each chunk undici delivers is translated and the frames it yields
 * are written at once, never collected. The stream ends with the translator's `[DONE]` (or Kong's
 * error chunk); if the upstream breaks, stalls or stops before its end event, the client gets an
 * error event instead, never a clean `[DONE]`.
 *
 * The status line goes out with the first frame, not with the upstream's headers: until then the
 * client has received nothing, so an upstream that fails first can still fail over to the next
 * model (or get Kong's 502/504). On a cache miss every frame is also recorded as written, and the
 * recording is kept only when the stream ended cleanly. */
import type { OutgoingHttpHeaders } from 'node:http';
import { stringHeaders, withPolicyHeaders } from './deliver.ts';
import { KONG, streamErrorEvent } from './errors.ts';
import { downstreamHeaders } from './headers.ts';
import type { StreamRecorder } from './policies/index.ts';
import { createStreamTranslator, DONE_FRAME, ERROR_FRAME } from './translate/index.ts';
import type { Exchange, ReplyWriter } from './upstream-call.ts';
import { streamUsage } from './usage.ts';

const INCOMPLETE = 'the upstream ended the stream before its end event';

export function streamWriter({ ctx, provider, headers }: Exchange): ReplyWriter {
  const { res, target, route, body } = ctx;
  if (target === undefined || route === undefined || body === undefined) throw new Error('a stream needs a routed, parsed request');
  const type = headers['content-type'];
  const translator = createStreamTranslator(provider, target.model, route.route.type, Array.isArray(type) ? type[0] : type);

  const h: OutgoingHttpHeaders = downstreamHeaders(headers, { rewritten: true, provider: provider.kind });
  h['content-type'] = 'text/event-stream';
  if (route.route.modelNameHeader) h['x-kong-llm-model'] = target.modelHeader;
  const lookup = ctx.cache;
  const recorder: StreamRecorder | undefined = lookup !== undefined && 'recordStream' in lookup ? lookup.recordStream(200, stringHeaders(h)) : undefined;

  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    ctx.status = 200;
    ctx.responded = true;
    res.writeHead(200, withPolicyHeaders(ctx, h));
  };
  const record = (frames: readonly string[]) => {
    if (recorder) for (const f of frames) recorder.push(f);
  };

  // After the terminal frame the client's response is complete; the rest of the upstream body is
  // still read (and dropped) so its connection can be reused.
  let ended = false;
  const finish = (frames: readonly string[], tail = '') => {
    ended = true;
    start();
    ctx.usage = streamUsage(translator.usage(), body, translator.text());
    const broken = frames.includes(ERROR_FRAME);
    if (broken) ctx.error = 'stream_untranslatable';
    res.end(frames.join('') + tail);
    record(frames);
    if (recorder) ctx.cacheWrite = recorder.end(tail === '' && !broken && frames.includes(DONE_FRAME));
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
      start();
      record(frames);
      return res.write(frames.length === 1 ? (frames[0] as string) : frames.join(''));
    },
    end() {
      if (ended) return true;
      const frames = translator.end();
      if (frames.includes(DONE_FRAME) || frames.includes(ERROR_FRAME)) {
        finish(frames);
        return true;
      }
      if (!started && frames.length === 0) {
        // Not one event: nothing was sent, so this is a failed attempt rather than a broken stream.
        ended = true;
        void recorder?.end(false);
        return false;
      }
      finish(frames, streamErrorEvent(INCOMPLETE));
      ctx.error = 'stream_incomplete';
      return true;
    },
    fail(failure) {
      if (ended) return;
      if (failure === 'aborted' || !started) {
        // Nobody to write to, or nothing sent yet (the proxy stage answers, or fails over); the
        // tokens the upstream spent so far still count.
        ended = true;
        if (failure === 'aborted') ctx.usage = streamUsage(translator.usage(), body, translator.text());
        void recorder?.end(false);
        return;
      }
      finish([], streamErrorEvent(failure === 'timeout' ? KONG.gatewayTimeout : KONG.badGateway));
      ctx.error = failure === 'timeout' ? 'stream_timeout' : 'stream_cut';
    },
  };
}
