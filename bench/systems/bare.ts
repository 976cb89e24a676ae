/** `bare`: the floor any proxy must pay. A node:http server that reads the body, forwards it to the
 * upstream through an undici `Pool` (keep-alive, no pipelining, `dispatch`: all as aigate's) and
 * writes the reply back untouched: no routing, auth, translation or logging.
 *
 * `startBareJson` (`bench:ab --floor`) adds the work no proxy that reads the JSON can skip, as
 * Kong's openai driver does it: the request parsed and serialised again with `stream` set, and a
 * JSON reply buffered and parsed (its `choices` checked) before its bytes go out. What aigate costs
 * over this one is its own routing, policies, metrics and plumbing. Streams pass through as in bare.
 *
 * Run directly, it is the child: `node bench/systems/bare.ts --port N --upstream URL [--json]`. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { Pool, type Dispatcher } from 'undici';
import { freePort, spawnNode, stopChild, waitForHttp } from './child.ts';
import type { StartContext, System } from './system.ts';

export const startBare = (ctx: StartContext) => start(ctx, false);
export const startBareJson = (ctx: StartContext) => start(ctx, true);

async function start(ctx: StartContext, json: boolean): Promise<System> {
  const port = await freePort();
  const child = spawnNode(['bench/systems/bare.ts', '--port', String(port), '--upstream', ctx.upstream.chatUrl, ...(json ? ['--json'] : [])], { core: ctx.core, ...(ctx.nodeFlags && { nodeFlags: ctx.nodeFlags }), ...(ctx.wrapper && { wrapper: ctx.wrapper }) });
  const url = `http://127.0.0.1:${port}/v1/chat/completions`;
  await waitForHttp(`http://127.0.0.1:${port}/`, child, ctx.readyMs);
  return { name: 'bare', url, headers: {}, pid: child.pid as number, stop: () => stopChild(child) };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'host']);

export function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

/** Writes the upstream's reply straight into the client's response, with backpressure: the same
 * `dispatch` path aigate's proxy takes, minus everything aigate does with the bytes. */
class PassThrough implements Dispatcher.DispatchHandler {
  readonly #res: ServerResponse;
  constructor(res: ServerResponse) {
    this.#res = res;
  }
  onRequestStart(): void {}
  onResponseStart(controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    if (this.#res.destroyed) return controller.abort(new Error('the client left'));
    this.#res.writeHead(status, endToEnd(headers));
  }
  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.write(controller, chunk);
  }
  protected write(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.#res.write(chunk)) {
      controller.pause();
      this.#res.once('drain', () => controller.resume());
    }
  }
  onResponseEnd(_controller: Dispatcher.DispatchController): void {
    this.#res.end();
  }
  /** Drops the client's connection: its answer was already started and cannot become an error. */
  protected cut(): void {
    this.#res.destroy();
  }
  onResponseError(_controller: Dispatcher.DispatchController, _error: Error): void {
    if (this.#res.headersSent || this.#res.destroyed) this.#res.destroy();
    else this.#res.writeHead(502).end();
  }
}

/** A JSON reply is held until complete and parsed, then its own bytes go out; anything else passes. */
class ParsingPassThrough extends PassThrough {
  #held: Buffer[] | undefined;
  override onResponseStart(controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    if (status === 200 && String(headers['content-type']).startsWith('application/json')) this.#held = [];
    super.onResponseStart(controller, status, headers);
  }
  override onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#held) this.#held.push(chunk);
    else this.write(controller, chunk);
  }
  override onResponseEnd(controller: Dispatcher.DispatchController): void {
    if (this.#held) {
      const raw = Buffer.concat(this.#held);
      // aigate answers 500 here; bare-json has sent its head already, so the load generator sees
      // an error instead (the bench's mock always sends choices: the check only costs).
      if (parsed(raw)?.choices === undefined) return this.cut();
      this.write(controller, raw);
    }
    super.onResponseEnd(controller);
  }
}

export function parsed(raw: Buffer): Record<string, unknown> | undefined {
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const upstream = new URL(values.upstream as string);
  const pool = new Pool(upstream.origin, { pipelining: 1, keepAliveTimeout: 30_000 });
  const json = values.json;
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = endToEnd(req.headers);
      let body = Buffer.concat(chunks);
      if (json) {
        const request = parsed(body);
        if (request === undefined) return void res.writeHead(400).end();
        request.stream = request.stream === true;
        body = Buffer.from(JSON.stringify(request));
        delete headers['content-length'];
      }
      pool.dispatch({ method: 'POST', path: upstream.pathname, headers, body }, json ? new ParsingPassThrough(res) : new PassThrough(res));
    });
  }).listen(Number(values.port), '127.0.0.1');
  process.once('SIGTERM', () => process.exit(0));
}
