/** `bare-policies` (`bench:ab --floor --policies`): the policies row's floor, an experiment and not
 * a product. `bare-json`'s work plus, fused into one handler with no stages, context or generic
 * translation, what the row's policies essentially do: key-auth (a header and a map), the prompt
 * guard (aigate's own compiled RE2 matcher over the user messages), the decorator (messages added
 * before and after), a per-consumer token count in memory with Kong's two rate-limit headers, and
 * the reply's usage settled into the count and a per-consumer tally. Error paths answer with Kong's
 * statuses but skip their finer points. What aigate-policies costs over this is its architecture.
 *
 * Run directly, it is the child: `node bench/systems/bare-policies.ts --port N --upstream URL`. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { Pool, type Dispatcher } from 'undici';
import { compileAny } from '../../src/proxy/policies/regex.ts';
import { endToEnd, parsed } from './bare.ts';
import { freePort, spawnNode, stopChild, waitForHttp } from './child.ts';
import type { StartContext, System } from './system.ts';
import { CONSUMER_KEY } from './aigate.ts';
import config from '../configs/policies.config.ts';

export async function startBarePolicies(ctx: StartContext): Promise<System> {
  const port = await freePort();
  const child = spawnNode(['bench/systems/bare-policies.ts', '--port', String(port), '--upstream', ctx.upstream.chatUrl], { core: ctx.core, ...(ctx.nodeFlags && { nodeFlags: ctx.nodeFlags }), ...(ctx.wrapper && { wrapper: ctx.wrapper }) });
  await waitForHttp(`http://127.0.0.1:${port}/`, child, ctx.readyMs);
  return { name: 'bare', url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: { apikey: CONSUMER_KEY }, pid: child.pid as number, stop: () => stopChild(child) };
}

/** The policies `aigate-policies` runs, read from its config so the two cannot drift apart. */
function benchPolicies() {
  const route = config.routes?.chat?.policies;
  // `limits` is a list of rules, or the rules with options around them.
  const limits = config.consumers?.bench?.policies?.limits;
  const limit = (Array.isArray(limits) ? limits : limits?.rules)?.[0]?.limit;
  const deny = route?.promptGuard?.deny;
  const decorator = route?.promptDecorator;
  if (deny === undefined || decorator === undefined || limit === undefined) throw new Error('bench/configs/policies.config.ts no longer has the guard, decorator and consumer limit this experiment mirrors');
  return { deny, prepend: decorator.prepend ?? [], append: decorator.append ?? [], limit };
}
const { deny: DENY, prepend: PREPEND, append: APPEND, limit: LIMIT } = benchPolicies();
const LIMIT_HEADER = 'X-AI-RateLimit-Limit-60-consumer-total-tokens';
const REMAINING_HEADER = 'X-AI-RateLimit-Remaining-60-consumer-total-tokens';

type Message = { readonly role?: unknown; readonly content?: unknown };

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

/** Kong's prompt estimate: whitespace-separated words. */
function words(messages: readonly Message[]): number {
  let n = 0;
  for (const m of messages) {
    if (typeof m.content !== 'string') continue;
    let inWord = false;
    for (let i = 0; i < m.content.length; i++) {
      const c = m.content.charCodeAt(i);
      const space = c === 32 || (c >= 9 && c <= 13);
      if (!space && !inWord) n++;
      inWord = !space;
    }
  }
  return n;
}

/** Holds the reply, settles the reservation with its usage, and sends it with the limit's headers. */
class Settle implements Dispatcher.DispatchHandler {
  readonly #res: ServerResponse;
  readonly #counters: Map<string, number>;
  readonly #key: string;
  readonly #reserved: number;
  readonly #remaining: string;
  readonly #chunks: Buffer[] = [];
  #status = 0;
  #headers: IncomingHttpHeaders = {};
  constructor(res: ServerResponse, counters: Map<string, number>, key: string, reserved: number, remaining: string) {
    this.#res = res;
    this.#counters = counters;
    this.#key = key;
    this.#reserved = reserved;
    this.#remaining = remaining;
  }
  onRequestStart(): void {}
  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    this.#status = status;
    this.#headers = headers;
  }
  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }
  onResponseEnd(): void {
    const raw = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks);
    let used = 0;
    if (this.#status === 200) {
      const usage = parsed(raw)?.usage as { prompt_tokens?: number; completion_tokens?: number } | undefined;
      used = (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0);
    }
    this.#counters.set(this.#key, (this.#counters.get(this.#key) ?? 0) + used - this.#reserved);
    const h = endToEnd(this.#headers);
    h[LIMIT_HEADER] = String(LIMIT);
    h[REMAINING_HEADER] = this.#remaining;
    this.#res.writeHead(this.#status, h).end(raw);
  }
  onResponseError(): void {
    if (this.#res.headersSent) this.#res.destroy();
    else answer(this.#res, 502, '{"message":"An invalid response was received from the upstream server"}');
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
  const upstream = new URL(values.upstream as string);
  const pool = new Pool(upstream.origin, { pipelining: 1, keepAliveTimeout: 30_000 });
  const compiled = compileAny(DENY);
  if (!compiled.ok || compiled.value === undefined) throw new Error('the deny patterns do not compile');
  const deny = compiled.value;
  const consumers = new Map([[CONSUMER_KEY, 'bench']]);
  const counters = new Map<string, number>();
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = req.headers.apikey;
      const consumer = typeof key === 'string' ? consumers.get(key) : undefined;
      if (consumer === undefined) return answer(res, 401, '{"message":"No API key found in request"}');
      const body = parsed(Buffer.concat(chunks));
      const messages = body?.messages;
      if (body === undefined || !Array.isArray(messages)) return answer(res, 400, '{"error":{"message":"bad request"}}');
      let prompt = '';
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages[i] as Message;
        if (m.role === 'user' && typeof m.content === 'string') prompt += `${m.content} `;
      }
      if (deny.test(prompt)) return answer(res, 400, '{"error":{"message":"bad request"}}');
      const decorated: Message[] = [...PREPEND, ...(messages as Message[]), ...APPEND];
      body.messages = decorated;
      body.stream = body.stream === true;
      const reserved = words(decorated);
      const window = `consumer=${consumer}:60:${Math.floor(Date.now() / 60_000) * 60}`;
      const used = counters.get(window) ?? 0;
      if (used >= LIMIT) return answer(res, 429, '{"message":"AI token rate limit exceeded for provider(s): openai"}');
      counters.set(window, used + reserved);
      const headers = endToEnd(req.headers);
      delete headers['content-length'];
      delete headers.apikey;
      headers['x-consumer-username'] = consumer;
      const settle = new Settle(res, counters, window, reserved, String(Math.floor(LIMIT - used)));
      pool.dispatch({ method: 'POST', path: upstream.pathname, headers, body: JSON.stringify(body) }, settle);
    });
  }).listen(Number(values.port), '127.0.0.1');
  process.once('SIGTERM', () => process.exit(0));
}
