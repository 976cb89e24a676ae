/** The client side of a test: sends one request to the gateway and reads everything a test may
 * check. A streamed (SSE) answer is read to its end and described: its events, whether it ended
 * with `[DONE]`, whether one was an error, and whether the connection was cut instead of ending
 * cleanly, which is the difference a broken upstream stream must make visible. */
import { gunzipSync, constants as zlib } from 'node:zlib';
import { Agent, request } from 'undici';

export interface StreamView {
  /** The `data:` payload of every event, `[DONE]` included, in order. */
  readonly events: readonly string[];
  /** The last event was `[DONE]`, and the connection ended cleanly. */
  readonly done: boolean;
  /** An event named `error`, or one whose JSON has a top-level `error`. */
  readonly errorEvent: boolean;
  /** The connection broke before the response ended. */
  readonly cut: boolean;
  /** The last event that parses as JSON (where usage sits in OpenAI streams). */
  readonly last?: unknown;
}

export interface Answer {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body as JSON, when it is JSON. */
  readonly json?: unknown;
  /** Present for `text/event-stream` answers. */
  readonly stream?: StreamView;
  /** The request failed before an answer arrived (refused, reset, timed out). */
  readonly error?: string;
}

export interface SendOptions {
  readonly method?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** @default 30000 */
  readonly timeoutMs?: number;
}

/** One client for a whole run, so connections are reused and can all be closed at the end. */
export class TestClient {
  readonly #agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });

  async send(url: string, options: SendOptions): Promise<Answer> {
    const timeout = options.timeoutMs ?? 30_000;
    const signal = AbortSignal.timeout(timeout);
    let r;
    try {
      r = await request(url, {
        method: (options.method ?? 'POST') as 'POST',
        headers: options.headers,
        ...(options.body !== undefined && { body: options.body }),
        dispatcher: this.#agent,
        signal,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (e) {
      return { status: 0, headers: {}, text: '', error: describe(e) };
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const chunks: Buffer[] = [];
    let cut = false;
    try {
      for await (const c of r.body as AsyncIterable<Buffer>) chunks.push(c);
    } catch {
      cut = true;
    }
    let bytes = Buffer.concat(chunks);
    if (/\bgzip\b/.test(headers['content-encoding'] ?? '')) {
      try {
        // Sync flush: a cut gzip stream still yields what arrived.
        bytes = gunzipSync(bytes, { finishFlush: zlib.Z_SYNC_FLUSH });
      } catch {
        // Leave the bytes as they came; the checks will show them.
      }
    }
    const text = bytes.toString('utf8');
    const json = parseJson(text);
    const isStream = (headers['content-type'] ?? '').includes('text/event-stream');
    return { status: r.statusCode, headers, text, ...(json !== undefined && { json }), ...(isStream && { stream: readSse(text, cut) }) };
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}

/** Splits an SSE body into events (blank-line separated), keeping each one's `data:` lines. */
export function readSse(text: string, cut: boolean): StreamView {
  const events: string[] = [];
  let errorEvent = false;
  let last: unknown;
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\n+/)) {
    const lines = block.split('\n');
    const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
    if (lines.some((l) => /^event:\s*error\s*$/.test(l))) errorEvent = true;
    if (data.length === 0) continue;
    const payload = data.join('\n');
    events.push(payload);
    const parsed = parseJson(payload);
    if (parsed !== undefined) {
      last = parsed;
      if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) errorEvent = true;
    }
  }
  const done = !cut && events.at(-1) === '[DONE]';
  return { events, done, errorEvent, cut, ...(last !== undefined && { last }) };
}

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function describe(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer in time';
  return err.code ?? err.message ?? String(e);
}
