/**
 * The mock's own HTTP control plane under `/__mock/`, for callers in another process (a gateway in a
 * container, `aigate test` against `serve --mock`): read recordings, reset, enqueue replies.
 *
 *   GET  /__mock/health            → { ok: true }
 *   GET  /__mock/received          → RecordedRequest[]
 *   POST /__mock/reset             → 204
 *   POST /__mock/enqueue           body: MockReply | MockReply[] → 204
 *   POST /__mock/on-model          body: { model, reply } → 204
 *   GET  /__mock/scheme            → one line per provider: its chat endpoint
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MockInputError, parseMockReply } from './cassette.ts';
import { describeMockScheme } from './routes.ts';
import type { MockReply, RecordedRequest } from './types.ts';

export const CONTROL_PREFIX = '/__mock/';

export interface ControlOps {
  readonly received: readonly RecordedRequest[];
  reset(): void;
  enqueue(...replies: MockReply[]): void;
  onModel(model: string, reply: MockReply): void;
}

export function sendJson(res: ServerResponse, status: number, value: unknown, extra?: Readonly<Record<string, string>>): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(body.length), ...extra });
  res.end(body);
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (cause) {
    throw new MockInputError('body is not JSON', { cause });
  }
}

export function handleControl(ops: ControlOps, req: IncomingMessage, res: ServerResponse, pathname: string, raw: Buffer): void {
  const op = `${req.method ?? 'GET'} ${pathname.slice(CONTROL_PREFIX.length)}`;
  try {
    switch (op) {
      case 'GET health':
        return sendJson(res, 200, { ok: true });
      case 'GET received':
        return sendJson(res, 200, ops.received);
      case 'GET scheme':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end(`${describeMockScheme()}\n`);
      case 'POST reset':
        ops.reset();
        return void res.writeHead(204).end();
      case 'POST enqueue': {
        const v = parseJson(raw);
        const list = Array.isArray(v) ? v : [v];
        ops.enqueue(...list.map((r, i) => parseMockReply(r, Array.isArray(v) ? `body[${i}]` : 'body')));
        return void res.writeHead(204).end();
      }
      case 'POST on-model': {
        const v = parseJson(raw) as { model?: unknown; reply?: unknown } | null;
        if (typeof v?.model !== 'string') throw new MockInputError('body.model: expected a string');
        ops.onModel(v.model, parseMockReply(v.reply, 'body.reply'));
        return void res.writeHead(204).end();
      }
      default:
        return sendJson(res, 404, { error: `aigate mock: no control endpoint ${op}` });
    }
  } catch (err) {
    if (err instanceof MockInputError) return sendJson(res, 400, { error: err.message });
    throw err;
  }
}
