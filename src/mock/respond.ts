/**
 * Sends a planned response over the socket, applying its timing and faults: delay before headers,
 * interval between chunks, gzip (per chunk, sync-flushed, so a streaming client still decodes each
 * event as it arrives), reset, hang, cut mid-way. Without interval or gzip a stream goes out in one
 * write: the fast path for benchmarks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { constants, createGzip, gzipSync } from 'node:zlib';
import type { Gzip } from 'node:zlib';
import type { ResponsePlan } from './plan.ts';

function gone(req: IncomingMessage, res: ServerResponse): boolean {
  return res.destroyed || req.socket.destroyed;
}

/** Resolves once `buf` reached the socket, so a following `destroy()` cannot discard it. */
function writeFlushed(res: ServerResponse, buf: Buffer): Promise<void> {
  return new Promise((resolve) => res.write(buf, () => resolve()));
}

/** A gzip member kept open across chunks; each write is sync-flushed and its output handed back. */
class ChunkGzip {
  readonly #gz: Gzip = createGzip({ flush: constants.Z_SYNC_FLUSH });
  #out: Buffer[] = [];
  constructor() {
    this.#gz.on('data', (d: Buffer) => this.#out.push(d));
  }
  #take(): Buffer {
    const b = this.#out.length === 1 ? (this.#out[0] as Buffer) : Buffer.concat(this.#out);
    this.#out = [];
    return b;
  }
  async push(buf: Buffer): Promise<Buffer> {
    await new Promise<void>((resolve, reject) => this.#gz.write(buf, (e) => (e ? reject(e) : resolve())));
    return this.#take();
  }
  async finish(): Promise<Buffer> {
    const ended = new Promise<void>((resolve) => this.#gz.once('end', resolve));
    this.#gz.end();
    await ended;
    return this.#take();
  }
}

export async function sendPlan(req: IncomingMessage, res: ServerResponse, plan: ResponsePlan, signal: AbortSignal): Promise<void> {
  if (plan.fault === 'reset') {
    // RST instead of FIN: the client sees ECONNRESET, as when a load balancer drops the connection.
    req.socket.resetAndDestroy();
    return;
  }
  // Never answered; `close()` destroys the connection.
  if (plan.fault === 'hang') return;
  if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal });
  if (gone(req, res)) return;
  if (plan.body !== undefined) return sendBody(res, plan, plan.body);
  return sendStream(req, res, plan, signal);
}

async function sendBody(res: ServerResponse, plan: ResponsePlan, raw: Buffer): Promise<void> {
  const body = plan.gzip ? gzipSync(raw) : raw;
  const headers = plan.gzip ? { ...plan.headers, 'content-encoding': 'gzip' } : plan.headers;
  headers['content-length'] = String(body.length);
  res.writeHead(plan.status, headers);
  if (plan.fault !== 'cut-stream') {
    res.end(body);
    return;
  }
  // The promised length never arrives: the client sees a premature close.
  const cut = plan.gzip ? Math.floor(body.length / 2) : plan.cutAfter;
  await writeFlushed(res, body.subarray(0, cut));
  res.destroy();
}

async function sendStream(req: IncomingMessage, res: ServerResponse, plan: ResponsePlan, signal: AbortSignal): Promise<void> {
  const cut = plan.fault === 'cut-stream';
  const count = cut ? plan.cutAfter : plan.chunks.length;
  const headers = plan.gzip ? { ...plan.headers, 'content-encoding': 'gzip' } : plan.headers;
  res.writeHead(plan.status, headers);

  if (plan.chunkIntervalMs === 0 && !plan.gzip) {
    const parts = cut ? plan.chunks.slice(0, count) : [...plan.chunks, ...plan.tail];
    const all = Buffer.concat(parts);
    if (!cut) return void res.end(all);
    if (all.length > 0) await writeFlushed(res, all);
    res.destroy();
    return;
  }

  const gz = plan.gzip ? new ChunkGzip() : undefined;
  const send = async (buf: Buffer): Promise<void> => {
    const out = gz === undefined ? buf : await gz.push(buf);
    if (out.length > 0 && !gone(req, res)) await writeFlushed(res, out);
  };
  for (let i = 0; i < count; i++) {
    if (i > 0 && plan.chunkIntervalMs > 0) await sleep(plan.chunkIntervalMs, undefined, { signal });
    if (gone(req, res)) return;
    await send(plan.chunks[i] as Buffer);
  }
  if (cut) {
    res.destroy();
    return;
  }
  if (plan.tail.length > 0 && plan.chunkIntervalMs > 0) await sleep(plan.chunkIntervalMs, undefined, { signal });
  for (const t of plan.tail) await send(t);
  if (gone(req, res)) return;
  res.end(gz === undefined ? undefined : await gz.finish());
}
