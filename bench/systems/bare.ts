/** `bare`: the floor any proxy must pay. A node:http server that reads the body, forwards it to the
 * upstream through an undici `Pool` (keep-alive, no pipelining, `dispatch`: all as aigate's) and
 * writes the reply back untouched: no routing, auth, translation or logging.
 *
 * Run directly, it is the child: `node bench/systems/bare.ts --port N --upstream URL`. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { Pool, type Dispatcher } from 'undici';
import { freePort, spawnNode, stopChild, waitForHttp } from './child.ts';
import type { StartContext, System } from './system.ts';

export async function startBare(ctx: StartContext): Promise<System> {
  const port = await freePort();
  const child = spawnNode(['bench/systems/bare.ts', '--port', String(port), '--upstream', ctx.upstream.chatUrl], { core: ctx.core });
  const url = `http://127.0.0.1:${port}/v1/chat/completions`;
  await waitForHttp(`http://127.0.0.1:${port}/`, child);
  return { name: 'bare', url, headers: {}, pid: child.pid as number, stop: () => stopChild(child) };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'host']);

function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
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
    if (!this.#res.write(chunk)) {
      controller.pause();
      this.#res.once('drain', () => controller.resume());
    }
  }
  onResponseEnd(): void {
    this.#res.end();
  }
  onResponseError(_controller: Dispatcher.DispatchController, _error: Error): void {
    if (this.#res.headersSent || this.#res.destroyed) this.#res.destroy();
    else this.#res.writeHead(502).end();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
  const upstream = new URL(values.upstream as string);
  const pool = new Pool(upstream.origin, { pipelining: 1, keepAliveTimeout: 30_000 });
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pool.dispatch({ method: 'POST', path: upstream.pathname, headers: endToEnd(req.headers), body: Buffer.concat(chunks) }, new PassThrough(res));
    });
  }).listen(Number(values.port), '127.0.0.1');
  process.once('SIGTERM', () => process.exit(0));
}
