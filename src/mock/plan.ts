/**
 * Turns a request and the reply chosen for it into bytes to send: status, headers, a body or framed
 * stream chunks, and the fault to apply while sending. Pure apart from its caches, so the writer only
 * deals with timing and sockets.
 */
import { FRAMERS } from './framing.ts';
import type { Framing } from './framing.ts';
import { DIALECTS } from './providers/index.ts';
import type { DialectSpec, ReplyContext } from './providers/index.ts';
import type { MockRoute } from './routes.ts';
import { countWords, echoText } from './text.ts';
import type { MockFault, MockReply, MockStreamEvent } from './types.ts';

export interface ResponsePlan {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  /** A non-streamed body; otherwise `chunks` (+ `tail`) are sent. */
  readonly body?: Buffer;
  readonly chunks: readonly Buffer[];
  /** Terminator and closing bytes of a complete stream; never sent when the stream is cut. */
  readonly tail: readonly Buffer[];
  readonly delayMs: number;
  readonly chunkIntervalMs: number;
  readonly fault?: MockFault;
  /** Chunks (or body bytes) sent before a `cut-stream` destroys the socket. */
  readonly cutAfter: number;
  readonly gzip: boolean;
}

export interface PlanInput {
  readonly route: MockRoute;
  /** Pathname as received, reported back in `x-mock-path`. */
  readonly path: string;
  readonly seq: number;
  readonly model: string | undefined;
  readonly body: unknown;
  readonly query: Readonly<Record<string, string>>;
  readonly stream: boolean;
}

const NO_CHUNKS: readonly Buffer[] = [];
/** Header values must be visible ASCII; other model names are percent-encoded. */
const PRINTABLE = /^[\x20-\x7e]*$/;

/** Replies reused across requests (`onModel`, cassettes) are serialised once. */
const bodyCache = new WeakMap<MockReply, Buffer>();
const streamCache = new WeakMap<MockReply, Map<Framing, Buffer[]>>();

function toBuffer(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === 'string') return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}

function guessContentType(body: unknown): string {
  if (body instanceof Uint8Array) return 'application/octet-stream';
  if (typeof body !== 'string') return 'application/json';
  const s = body.trimStart();
  if (s.startsWith('{') || s.startsWith('[')) return 'application/json';
  if (s.startsWith('data:') || s.startsWith('event:')) return 'text/event-stream';
  return 'text/plain; charset=utf-8';
}

function frame(events: readonly MockStreamEvent[], framing: Framing): Buffer[] {
  const framer = FRAMERS[framing];
  return events.map((e, i) => framer.event(e, i));
}

function cachedFrames(reply: MockReply, events: readonly MockStreamEvent[], framing: Framing): Buffer[] {
  let byFraming = streamCache.get(reply);
  if (byFraming === undefined) streamCache.set(reply, (byFraming = new Map()));
  let frames = byFraming.get(framing);
  if (frames === undefined) byFraming.set(framing, (frames = frame(events, framing)));
  return frames;
}

function replyContext(input: PlanInput, spec: DialectSpec, reply: MockReply): ReplyContext {
  const summary = spec.summarise(input.body);
  const text = reply.text ?? echoText(summary.lastUser);
  return {
    kind: input.route.kind,
    seq: input.seq,
    model: input.model ?? 'mock-model',
    body: input.body,
    query: input.query,
    summary,
    text,
    promptTokens: reply.usage?.promptTokens ?? summary.promptWords,
    completionTokens: reply.usage?.completionTokens ?? countWords(text),
  };
}

/** The message of an injected error body: says it is the mock, so nobody hunts a real outage. */
function injectedMessage(status: number): string {
  return `aigate mock: injected HTTP ${status}`;
}

export function planResponse(input: PlanInput, reply: MockReply): ResponsePlan {
  const { route } = input;
  const spec = DIALECTS[route.dialect];
  const status = reply.status ?? 200;
  // Echoed facts let a test behind a gateway check what reached the upstream without a side channel.
  const headers: Record<string, string> = { 'x-mock-provider': route.kind, 'x-mock-seq': String(input.seq), 'x-mock-path': input.path };
  if (input.model !== undefined) headers['x-mock-model'] = PRINTABLE.test(input.model) ? input.model : encodeURIComponent(input.model);
  let body: Buffer | undefined;
  let chunks = NO_CHUNKS;
  const tail: Buffer[] = [];

  if (reply.body !== undefined) {
    headers['content-type'] = guessContentType(reply.body);
    body = cachedBody(reply);
  } else if (reply.stream !== undefined || (status < 400 && input.stream)) {
    const format = spec.streamFormat(input.query);
    headers['content-type'] = format.contentType;
    const framed = reply.stream !== undefined ? cachedFrames(reply, reply.stream, format.framing) : frame(spec.events(replyContext(input, spec, reply)), format.framing);
    chunks = framed;
    if (format.terminator !== undefined) {
      const t = Buffer.from(format.terminator);
      const last = framed[framed.length - 1];
      if (last === undefined || !last.equals(t)) tail.push(t);
    }
    const close = FRAMERS[format.framing].close(framed.length);
    if (close !== undefined) tail.push(close);
    if (reply.fault === 'malformed-chunk') {
      const at = Math.min(reply.cutAfter ?? Math.floor(framed.length / 2), framed.length);
      chunks = [...framed.slice(0, at), FRAMERS[format.framing].malformed(at), ...framed.slice(at)];
    }
  } else if (status >= 400) {
    const err = spec.error(status, injectedMessage(status), route.kind);
    headers['content-type'] = 'application/json';
    if (status === 429 || status === 503) headers['retry-after'] = '1';
    if (err.headers !== undefined) Object.assign(headers, err.headers);
    body = toBuffer(err.body);
  } else {
    headers['content-type'] = 'application/json';
    body = toBuffer(spec.reply(replyContext(input, spec, reply)));
  }

  if (body !== undefined && reply.fault === 'malformed-chunk') body = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  if (reply.headers !== undefined) for (const k in reply.headers) headers[k.toLowerCase()] = reply.headers[k] ?? '';
  const size = body === undefined ? chunks.length : body.length;
  return {
    status,
    headers,
    ...(body === undefined ? {} : { body }),
    chunks,
    tail,
    delayMs: reply.delayMs ?? 0,
    chunkIntervalMs: reply.chunkIntervalMs ?? 0,
    ...(reply.fault === undefined ? {} : { fault: reply.fault }),
    cutAfter: Math.min(reply.cutAfter ?? Math.floor(size / 2), size),
    gzip: reply.gzip === true,
  };
}

function cachedBody(reply: MockReply): Buffer {
  let b = bodyCache.get(reply);
  if (b === undefined) bodyCache.set(reply, (b = toBuffer(reply.body)));
  return b;
}
