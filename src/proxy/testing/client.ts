/** Test helper: an HTTP client for the proxy that reports what a test asserts on: status, headers,
 * body text, and for streams the arrival time of every chunk. Plain undici, no retries. */
import { request } from 'undici';

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  json(): unknown;
}

export interface PostOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as-is instead of JSON-encoding `body`. */
  readonly raw?: string | Buffer;
  readonly signal?: AbortSignal;
}

export async function post(url: string, body: unknown, options: PostOptions = {}): Promise<Answer> {
  const r = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.raw ?? JSON.stringify(body),
    ...(options.signal && { signal: options.signal }),
  });
  const text = await r.body.text();
  return { status: r.statusCode, headers: r.headers, text, json: () => JSON.parse(text) };
}

export interface TimedChunk {
  /** `performance.now()` at arrival. */
  readonly at: number;
  readonly text: string;
}

/** Posts and records each body chunk as it arrives. */
export async function postTimed(url: string, body: unknown, headers: Readonly<Record<string, string>> = {}): Promise<{ status: number; headers: Answer['headers']; chunks: TimedChunk[] }> {
  const r = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const chunks: TimedChunk[] = [];
  for await (const c of r.body as AsyncIterable<Buffer>) chunks.push({ at: performance.now(), text: c.toString('utf8') });
  return { status: r.statusCode, headers: r.headers, chunks };
}

/** The `data:` payloads of an SSE body, in order. */
export function sseData(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim());
}

export async function get(url: string, token?: string): Promise<Answer> {
  const r = await request(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const text = await r.body.text();
  return { status: r.statusCode, headers: r.headers, text, json: () => JSON.parse(text) };
}
