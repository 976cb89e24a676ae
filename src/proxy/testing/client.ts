/** Test helper: an HTTP client for the proxy that reports what a test asserts on: status, headers
 * and body text. Plain undici, no retries. */
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
