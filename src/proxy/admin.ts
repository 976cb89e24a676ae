/** The admin listener (loopback only): `GET /health` (open, for probes), and behind a bearer
 * token `GET /config` (what is running, the bundle included), `POST /config` (a new bundle:
 * validated, then swapped in atomically) and `GET /metrics`. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toDotPath, type Diagnostic, type Result } from '../diagnostics/index.ts';
import { digestInlineSecrets } from '../model/index.ts';
import type { ProxyMetrics } from './metrics.ts';
import type { RuntimeState } from './state.ts';

/** A bundle is small; anything larger is refused rather than buffered. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface AdminTarget {
  current(): RuntimeState;
  /** Validates the bundle, resolves its secrets and swaps it in; the old state stays on failure. */
  reload(bundle: unknown): Result<RuntimeState>;
  readonly metrics: ProxyMetrics;
}

export function generateAdminToken(): string {
  return randomBytes(24).toString('base64url');
}

export function createAdminHandler(target: AdminTarget, token: string): (req: IncomingMessage, res: ServerResponse) => void {
  const expected = digest(token);
  const authorised = (req: IncomingMessage): boolean => {
    const h = req.headers.authorization;
    if (h === undefined || !h.startsWith('Bearer ')) return false;
    // Comparing fixed-length digests keeps the check constant-time whatever the token's length.
    return timingSafeEqual(digest(h.slice('Bearer '.length)), expected);
  };

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    if (path === '/health') return method === 'GET' ? json(res, 200, { status: 'ok' }) : notAllowed(res, 'GET');
    if (path !== '/config' && path !== '/metrics') return json(res, 404, { message: 'Not found' });
    if (!authorised(req)) return json(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });

    if (path === '/metrics') {
      if (method !== 'GET') return notAllowed(res, 'GET');
      target.metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': target.metrics.contentType }).end(text),
        () => json(res, 500, { message: 'An unexpected error occurred' }),
      );
      return;
    }
    // The bundle holds secret references; an inline value (local testing only) goes out as its digest.
    if (method === 'GET') {
      const running = target.current();
      return json(res, 200, { ...describe(running), bundle: digestInlineSecrets(running.bundle) });
    }
    if (method !== 'POST') return notAllowed(res, 'GET, POST');
    readAll(req).then(
      (raw) => {
        if (raw === undefined) return json(res, 413, { message: 'Payload too large' });
        if (raw.length === 0) return json(res, 400, { message: 'expected a reference bundle' });
        const before = target.current().hash;
        const next = target.reload(raw);
        if (!next.ok) return json(res, 400, { message: 'invalid reference bundle', diagnostics: next.diagnostics.map(plain) });
        json(res, 201, { ...describe(next.value), previousHash: before });
      },
      () => res.destroy(),
    );
  };
}

function describe(s: RuntimeState): Record<string, unknown> {
  return {
    name: s.name,
    hash: s.hash,
    bundleVersion: s.bundle.bundleVersion,
    modelFormatVersion: s.bundle.modelFormatVersion,
    loadedAt: s.loadedAt.toISOString(),
  };
}

function plain(d: Diagnostic): Record<string, unknown> {
  return { code: d.code, path: toDotPath(d.path), message: d.message, ...(d.hint !== undefined && { hint: d.hint }) };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** The body, or undefined past the size limit. */
function readAll(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_CONFIG_BYTES) chunks.push(c);
    });
    req.once('end', () => resolve(size > MAX_CONFIG_BYTES ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

function notAllowed(res: ServerResponse, allow: string): void {
  json(res, 405, { message: 'Method not allowed' }, { allow });
}
