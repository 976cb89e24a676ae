/**
 * `startMockProviders`: one node:http server that speaks every provider's wire format (see
 * `routes.ts` for the URL scheme), records each request, and answers with, in this order:
 *   1. the cassette named by an `x-mock-cassette` header,
 *   2. the next enqueued reply (FIFO),
 *   3. the first cassette whose `request` matches,
 *   4. the reply registered for the request's model (`onModel`, sticky),
 *   5. the deterministic echo;
 * then `x-mock-*` request headers override fields of that reply (status, delay, faults).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderKind, RouteType } from '../model/index.ts';
import { missingCredential } from './auth.ts';
import { cassetteMatches } from './cassette.ts';
import { CONTROL_PREFIX, handleControl, sendJson } from './control.ts';
import { MOCK_HEADERS, mergeReplies, overridesFromHeaders } from './faults.ts';
import { planResponse } from './plan.ts';
import { DIALECTS } from './providers/index.ts';
import { parseBody, readBody, splitUrl } from './request.ts';
import { sendPlan } from './respond.ts';
import type { MockRoute, MockPathOptions } from './routes.ts';
import { describeMockScheme, mockPathFor, mockSdkBasePath, resolveMockRoute } from './routes.ts';
import type { Cassette, MockProviderRef, MockReply, RecordedRequest } from './types.ts';

export interface MockProvidersOptions {
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Cassettes that survive `reset()`. */
  readonly cassettes?: readonly Cassette[];
  /** Keep `received`; turn off for benchmarks. @default true */
  readonly record?: boolean;
  /** Beyond this many recordings the oldest half is dropped, so a long run can't exhaust memory. @default 10000 */
  readonly maxRecords?: number;
  /** Answer 401, in the provider's error format, when the provider's credential is absent. @default false */
  readonly requireAuth?: boolean;
}

export interface MockProviders {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request since start or the last `reset()`, in arrival order (control endpoints excluded). */
  readonly received: readonly RecordedRequest[];
  /** Enqueued replies not yet used. */
  readonly queued: number;
  /**
   * Full URL of the endpoint for `model` on a route of `type`: what a config's upstream URL should be.
   * `provider` may be a kind or a model `Provider` (its `format` picks mistral's/llama2's dialect).
   */
  urlFor(provider: MockProviderRef, type?: RouteType, model?: string, stream?: boolean | MockPathOptions): string;
  /** The base URL the provider's official SDK takes (`…/openai/v1` for OpenAI's). */
  sdkBaseUrl(kind: ProviderKind): string;
  /** Replies for the next requests, first in first out; a cassette contributes its `response`. */
  enqueue(...replies: readonly (MockReply | Cassette)[]): void;
  /** Reply to every request for `model` (body `model`, or the path's Gemini/Bedrock model or Azure deployment) until `reset()`. */
  onModel(model: string, reply: MockReply | Cassette): void;
  /** Cassettes until `reset()`, matched before the ones given at start. */
  addCassettes(...cassettes: readonly Cassette[]): void;
  /** Back to the state right after start: no recordings, queue, model replies or added cassettes. */
  reset(): void;
  /** Stops listening and destroys every connection, hanging ones included. */
  close(): Promise<void>;
}

function replyOf(r: MockReply | Cassette): MockReply {
  return 'response' in r ? r.response : r;
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

class MockServer implements MockProviders {
  readonly url: string;
  readonly port: number;
  readonly #server: Server;
  readonly #abort = new AbortController();
  readonly #record: boolean;
  readonly #maxRecords: number;
  readonly #requireAuth: boolean;
  readonly #startCassettes: readonly Cassette[];
  #received: RecordedRequest[] = [];
  #queue: MockReply[] = [];
  #byModel = new Map<string, MockReply>();
  #cassettes: Cassette[] = [];
  #seq = 0;

  constructor(server: Server, url: string, port: number, options: MockProvidersOptions) {
    this.#server = server;
    this.url = url;
    this.port = port;
    this.#record = options.record ?? true;
    this.#maxRecords = options.maxRecords ?? 10_000;
    this.#requireAuth = options.requireAuth ?? false;
    this.#startCassettes = options.cassettes ?? [];
  }

  get received(): readonly RecordedRequest[] {
    return this.#received;
  }

  get queued(): number {
    return this.#queue.length;
  }

  urlFor(provider: MockProviderRef, type: RouteType = 'chat', model = 'mock-model', stream: boolean | MockPathOptions = false): string {
    return this.url + mockPathFor(provider, type, model, typeof stream === 'boolean' ? { stream } : stream);
  }

  sdkBaseUrl(kind: ProviderKind): string {
    return this.url + mockSdkBasePath(kind);
  }

  enqueue(...replies: readonly (MockReply | Cassette)[]): void {
    for (const r of replies) this.#queue.push(replyOf(r));
  }

  onModel(model: string, reply: MockReply | Cassette): void {
    this.#byModel.set(model, replyOf(reply));
  }

  addCassettes(...cassettes: readonly Cassette[]): void {
    this.#cassettes.push(...cassettes);
  }

  reset(): void {
    this.#received = [];
    this.#queue = [];
    this.#byModel.clear();
    this.#cassettes = [];
  }

  close(): Promise<void> {
    this.#abort.abort();
    return new Promise((resolve, reject) => {
      this.#server.close((err) => (err ? reject(err) : resolve()));
      this.#server.closeAllConnections();
    });
  }

  /** Entry point for every request. */
  readonly onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    this.#handle(req, res).catch((err: unknown) => {
      if (this.#abort.signal.aborted) return;
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: `aigate mock: internal error: ${err instanceof Error ? err.message : String(err)}` });
    });
  };

  #remember(r: RecordedRequest): void {
    if (!this.#record) return;
    if (this.#received.length >= this.#maxRecords) this.#received.splice(0, Math.ceil(this.#maxRecords / 2));
    this.#received.push(r);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A client that vanishes mid-reply must not crash the mock.
    res.on('error', () => {});
    const received = await readBody(req);
    const at = Date.now();
    const method = req.method ?? 'GET';
    const { pathname, query } = splitUrl(req.url ?? '/');
    if (pathname.startsWith(CONTROL_PREFIX)) return handleControl(this, req, res, pathname, received);

    const { raw, body } = parseBody(received, req.headers);
    const seq = ++this.#seq;
    const route = resolveMockRoute(pathname);
    if (route === undefined) {
      this.#remember({ seq, method, path: pathname, query, headers: req.headers, body, at, stream: false });
      return sendJson(res, 404, {
        error: { message: `aigate mock: no provider endpoint at ${method} ${pathname}`, type: 'not_found', endpoints: describeMockScheme().split('\n') },
      });
    }
    const spec = DIALECTS[route.dialect];
    const bodyModel = spec.bodyModel(body);
    const model = bodyModel ?? route.pathModel;
    const stream = route.streamByPath || spec.wantsStream(body);
    this.#remember({
      seq,
      method,
      path: pathname,
      query,
      headers: req.headers,
      body,
      at,
      provider: route.kind,
      dialect: route.dialect,
      ...(model === undefined ? {} : { model }),
      stream,
    });

    // Refusals below don't consume the queue: a misaddressed request shouldn't eat a test's reply.
    const refuse = (status: number, message: string) => {
      const err = spec.error(status, `aigate mock: ${message}`, route.kind);
      sendJson(res, status, err.body, { 'x-mock-provider': route.kind, 'x-mock-seq': String(seq), ...err.headers });
    };
    if (method !== 'POST') return refuse(405, `${route.kind} endpoints take POST, got ${method}`);
    if (route.kind === 'azure' && !query['api-version']) return refuse(400, 'missing api-version query parameter');
    if (this.#requireAuth) {
      const why = missingCredential(route.kind, req.headers, query);
      if (why !== undefined) return refuse(401, why);
    }
    const over = overridesFromHeaders(req.headers);
    if (!over.ok) return refuse(400, over.message);
    const named = firstHeader(req, MOCK_HEADERS.cassette);
    let chosen: MockReply | undefined;
    if (named !== undefined) {
      chosen = this.#cassetteNamed(named)?.response;
      if (chosen === undefined) return refuse(400, `no cassette named "${named}"`);
    } else {
      chosen = this.#select(route, method, pathname, model, bodyModel, stream, raw, req);
    }
    const plan = planResponse({ route, path: pathname, seq, model, body, query, stream }, mergeReplies(chosen, over.reply));
    await sendPlan(req, res, plan, this.#abort.signal);
  }

  #cassetteNamed(name: string): Cassette | undefined {
    return this.#cassettes.find((c) => c.name === name) ?? this.#startCassettes.find((c) => c.name === name);
  }

  #select(
    route: MockRoute,
    method: string,
    path: string,
    model: string | undefined,
    bodyModel: string | undefined,
    stream: boolean,
    rawBody: Buffer,
    req: IncomingMessage,
  ): MockReply | undefined {
    const next = this.#queue.shift();
    if (next !== undefined) return next;
    if (this.#cassettes.length > 0 || this.#startCassettes.length > 0) {
      const r = { method, path, provider: route.kind, dialect: route.dialect, model, stream, rawBody, headers: req.headers };
      for (const list of [this.#cassettes, this.#startCassettes]) {
        for (const c of list) if (cassetteMatches(c.request, r)) return c.response;
      }
    }
    if (this.#byModel.size > 0) {
      // Azure names the deployment in the path and the model in the body; either may be registered.
      const byBody = bodyModel === undefined ? undefined : this.#byModel.get(bodyModel);
      if (byBody !== undefined) return byBody;
      if (route.pathModel !== undefined) return this.#byModel.get(route.pathModel);
    }
    return undefined;
  }
}

/** Starts the mock providers server; close it with `close()`. */
export async function startMockProviders(options: MockProvidersOptions = {}): Promise<MockProviders> {
  const host = options.host ?? '127.0.0.1';
  let mock: MockServer | undefined;
  const server = createServer({ keepAlive: true }, (req, res) => mock?.onRequest(req, res));
  // Longer than clients' idle timeouts, so the mock is never the side that closes a reused socket mid-request.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  mock = new MockServer(server, `http://${hostInUrl}:${port}`, port, options);
  return mock;
}
