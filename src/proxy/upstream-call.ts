/** One upstream call through undici's `dispatch` handler API: status, headers and body chunks go
 * straight from undici's parser to a reply writer, with no body stream and no promise per chunk in
 * between (the proxy is measured against a bare undici pass-through). The call also owns the
 * exchange's life: abort when the client leaves, pause while the client is slow, decompression
 * when a provider compresses anyway, and the upstream time for metrics.
 *
 * It settles with what became of the attempt, so the proxy stage can fail over: answered (the
 * response went out, or is held for the response transformer), failed before any byte reached the
 * client, or a status the route fails over on (that reply is read to its end and dropped). */
import type { Transform } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Provider } from '../model/index.ts';
import type { RequestContext } from './context.ts';
import { decoderFor } from './decode.ts';
import { bufferedWriter } from './respond-buffered.ts';
import { passThroughWriter } from './respond-pass-through.ts';
import { streamWriter } from './respond-stream.ts';
import { classifyUpstreamError, type UpstreamFailure } from './upstream.ts';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** What becomes of the upstream body once its status and headers are known. */
export interface ReplyWriter {
  /** A chunk of the (decoded) body; `false` asks for a pause until the client drains. */
  data(chunk: Buffer): boolean;
  /** The body is complete. `false` when the writer got nothing it could send (a stream that ended
   * before its first event): the attempt then counts as failed, and nothing was written. */
  end(): boolean;
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

export type CallResult =
  /** The response went to the client (or is held for the response transformer), or the client left
   * after it began. */
  | { readonly kind: 'answered' }
  /** Nothing reached the client: no connection, no reply in time, or a reply that broke first. */
  | { readonly kind: 'failed'; readonly failure: UpstreamFailure }
  /** A status `failoverOn` accepted; the reply was dropped. */
  | { readonly kind: 'status'; readonly status: number };

const ANSWERED: CallResult = Object.freeze({ kind: 'answered' });

/** Reads a reply the client will never see, so its connection can be reused. */
const DISCARD: ReplyWriter = { data: () => true, end: () => true, fail: () => {} };

class ClientGone extends Error {
  override readonly name = 'AbortError';
}

class UpstreamCall implements Dispatcher.DispatchHandler {
  readonly #ctx: RequestContext;
  readonly #provider: Provider;
  readonly #settle: (result: CallResult) => void;
  readonly #failoverOn: ((status: number) => boolean) | undefined;
  readonly #sentAt = performance.now();
  #controller: Dispatcher.DispatchController | undefined;
  #writer: ReplyWriter | undefined;
  #decoder: Transform | undefined;
  #settled = false;

  constructor(ctx: RequestContext, provider: Provider, settle: (result: CallResult) => void, failoverOn: ((status: number) => boolean) | undefined) {
    this.#ctx = ctx;
    this.#provider = provider;
    this.#settle = settle;
    this.#failoverOn = failoverOn;
    // 'close' comes once per response: on() spares once()'s wrapper and its removal.
    ctx.res.on('close', this.#onClientClose);
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
      if (this.#failoverOn?.(status)) {
        this.#writer = DISCARD;
        this.#upstreamTime();
        return this.#done({ kind: 'status', status });
      }
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
    decoder.once('end', () => this.#ended());
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
    if (this.#settled) return;
    this.#upstreamTime();
    if (this.#decoder) return void this.#decoder.end();
    this.#ended();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#settled) return;
    this.#upstreamTime();
    this.#failed(this.#ctx.clientGone ? 'aborted' : classifyUpstreamError(error));
  }

  #upstreamTime(): void {
    this.#ctx.upstreamMs = performance.now() - this.#sentAt;
  }

  #ended(): void {
    const complete = this.#writer?.end() ?? true;
    this.#done(complete ? ANSWERED : { kind: 'failed', failure: 'bad-gateway' });
  }

  #failed(failure: UpstreamFailure): void {
    if (this.#settled) return;
    this.#decoder?.destroy();
    this.#decoder = undefined;
    const started = this.#ctx.responded;
    // A started response is ended the writer's way (a stream also counts what it got so far).
    if (this.#writer && (failure === 'aborted' || started)) this.#writer.fail(failure);
    this.#done(started && failure !== 'aborted' ? ANSWERED : { kind: 'failed', failure });
  }

  #done(result: CallResult): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#settle(result);
  }
}

/** Sends the upstream request; settles once the response is written (or held), or with why not.
 * `failoverOn` says which non-200 statuses are dropped for the next model instead of passed on. */
export function callUpstream(
  ctx: RequestContext,
  provider: Provider,
  pool: Dispatcher,
  options: Dispatcher.DispatchOptions,
  failoverOn?: (status: number) => boolean,
): Promise<CallResult> {
  return new Promise((settle) => {
    pool.dispatch(options, new UpstreamCall(ctx, provider, settle, failoverOn));
  });
}
