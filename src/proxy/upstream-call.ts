/** One upstream call through undici's `dispatch` handler API: status, headers and body chunks go
 * straight from undici's parser to a reply writer, with no body stream and no promise per chunk in
 * between (the proxy is measured against a bare undici pass-through). The call also owns the
 * exchange's life: abort when the client leaves, pause while the client is slow, decompression
 * when a provider compresses anyway, and the upstream time for metrics. */
import type { Transform } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Provider } from '../model/index.ts';
import type { RequestContext } from './context.ts';
import { decoderFor } from './decode.ts';
import type { Reply } from './errors.ts';
import { failureReply } from './failure.ts';
import { bufferedWriter } from './respond-buffered.ts';
import { passThroughWriter } from './respond-pass-through.ts';
import { streamWriter } from './respond-stream.ts';
import { classifyUpstreamError, type UpstreamFailure } from './upstream.ts';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** What becomes of the upstream body once its status and headers are known. */
export interface ReplyWriter {
  /** A chunk of the (decoded) body; `false` asks for a pause until the client drains. */
  data(chunk: Buffer): boolean;
  /** The body is complete. */
  end(): void;
  /** The upstream failed, or the client left (`aborted`), after this writer was made: end the
   * response the writer's way, if it began one. */
  fail(failure: UpstreamFailure): void;
}

/** What a writer is made from. */
export interface Exchange {
  readonly ctx: RequestContext;
  readonly provider: Provider;
  readonly status: number;
  readonly headers: Headers;
}

/** Settles the proxy stage: the reply to send, or `undefined` when the response is written (or
 * nobody is left to write it to). */
type Settle = (reply: Reply | undefined) => void;

class ClientGone extends Error {
  override readonly name = 'AbortError';
}

class UpstreamCall implements Dispatcher.DispatchHandler {
  readonly #ctx: RequestContext;
  readonly #provider: Provider;
  readonly #settle: Settle;
  readonly #sentAt = performance.now();
  #controller: Dispatcher.DispatchController | undefined;
  #writer: ReplyWriter | undefined;
  #decoder: Transform | undefined;
  #settled = false;

  constructor(ctx: RequestContext, provider: Provider, settle: Settle) {
    this.#ctx = ctx;
    this.#provider = provider;
    this.#settle = settle;
    ctx.res.once('close', this.#onClientClose);
  }

  readonly #onClientClose = (): void => {
    if (this.#ctx.res.writableFinished) return;
    this.#ctx.clientGone = true;
    if (this.#controller && !this.#controller.aborted) this.#controller.abort(new ClientGone('the client closed the connection'));
  };

  readonly #resume = (): void => this.#controller?.resume();

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // The client may have left while the request waited for a connection.
    if (this.#ctx.clientGone) controller.abort(new ClientGone('the client closed the connection'));
  }

  onResponseStart(controller: Dispatcher.DispatchController, status: number, headers: Headers): void {
    this.#controller = controller;
    const exchange: Exchange = { ctx: this.#ctx, provider: this.#provider, status, headers };
    if (status !== 200) {
      // Kong passes every non-200 reply through, bytes and encoding as they are.
      this.#writer = passThroughWriter(exchange);
      return;
    }
    const writer = this.#ctx.stream ? streamWriter(exchange) : bufferedWriter(exchange);
    this.#writer = writer;
    const encoding = headers['content-encoding'];
    const decoder = decoderFor(Array.isArray(encoding) ? encoding[0] : encoding);
    if (decoder === undefined) return;
    this.#decoder = decoder;
    decoder.on('data', (chunk: Buffer) => writer.data(chunk));
    decoder.once('end', () => {
      writer.end();
      this.#done(undefined);
    });
    decoder.once('error', () => {
      this.#controller?.abort(new Error('the upstream body does not decode'));
      this.#failed('bad-gateway');
    });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#decoder) return void this.#decoder.write(chunk);
    if (this.#writer?.data(chunk) === false) {
      controller.pause();
      this.#ctx.res.once('drain', this.#resume);
    }
  }

  onResponseEnd(): void {
    this.#ctx.upstreamMs = performance.now() - this.#sentAt;
    if (this.#decoder) return void this.#decoder.end();
    this.#writer?.end();
    this.#done(undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#ctx.upstreamMs ??= performance.now() - this.#sentAt;
    this.#failed(this.#ctx.clientGone ? 'aborted' : classifyUpstreamError(error));
  }

  #failed(failure: UpstreamFailure): void {
    if (this.#settled) return;
    this.#decoder?.destroy();
    this.#decoder = undefined;
    const aborted = failure === 'aborted';
    // A started response is ended the writer's way (a stream also counts what it got so far).
    if (this.#writer && (aborted || this.#ctx.responded)) this.#writer.fail(failure);
    // Nothing went out yet: the stage answers Kong's 502/503/504 (or nobody, if the client left).
    this.#done(aborted || !this.#ctx.responded ? failureReply(this.#ctx, failure) : undefined);
  }

  #done(reply: Reply | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#settle(reply);
  }
}

/** Sends the upstream request. The promise settles once the response is written, or with the reply
 * the stage should send instead (Kong's 502/503/504). */
export function callUpstream(ctx: RequestContext, provider: Provider, pool: Dispatcher, options: Dispatcher.DispatchOptions): Promise<Reply | undefined> {
  return new Promise((settle) => {
    pool.dispatch(options, new UpstreamCall(ctx, provider, settle));
  });
}
