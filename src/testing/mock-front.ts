/** A small HTTP front in front of the mock providers that knows which model each upstream call is
 * for. A gateway under test is given `<front>/m/<model name>/<mock path>` as each model's upstream;
 * the front strips the prefix, answers with that model's next queued reply (so tests say "gpt-4o
 * answers 429, then claude answers Paris" whatever order the gateway calls them in), records the
 * call as the gateway sent it, and forwards to the mock byte for byte.
 *
 * Why a front and not the mock's own queue: the mock's queue is one FIFO for every model, and the
 * reference proxy, Portkey and Kong all fix a model's upstream URL at load time, so the model can
 * only be told apart by the URL. The reply travels to the mock as a named cassette
 * (`x-mock-cassette`), which no concurrent call can take. Faults pass through: a reset or a cut
 * stream at the mock becomes a destroyed socket here, a hang stays a hang. */
import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MOCK_HEADERS, resolveMockRoute, type Dialect, type MockProviders, type MockReply } from '../mock/index.ts';

/** One upstream call as the gateway made it. */
export interface FrontCall {
  /** 1-based, across the front's life. */
  readonly seq: number;
  /** The model name from the URL prefix (the config's name for the model). */
  readonly model: string;
  readonly method: string;
  /** The mock path (prefix stripped), without the query. */
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when it parses, else the text. */
  readonly body: unknown;
  readonly dialect?: Dialect;
  /** The status the mock answered (0 when it never answered: reset, hang). */
  status: number;
}

export interface MockFront {
  /** `http://host:port`. */
  readonly url: string;
  readonly calls: readonly FrontCall[];
  /** The upstream base for a model: append a mock path (`/openai/v1/chat/completions`). */
  baseFor(model: string): string;
  /** Replies for a model's next calls, in order; calls beyond them get the mock's echo. */
  queue(model: string, replies: readonly MockReply[]): void;
  /** Forget the replies not used yet (a step's replies are for that step only). */
  clearQueues(): void;
  /** Forget queued replies, recorded calls and the mock's state. */
  reset(): void;
  close(): Promise<void>;
}

export interface MockFrontOptions {
  readonly mock: MockProviders;
  /** Where the front listens; a remote gateway needs an address it can reach. @default 127.0.0.1 */
  readonly host?: string;
  /** @default 0 */
  readonly port?: number;
  /** The host name put in URLs, when it differs from the listening address (e.g. 0.0.0.0). */
  readonly advertise?: string;
}

const PREFIX = '/m/';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'host']);

export async function startMockFront(options: MockFrontOptions): Promise<MockFront> {
  const { mock } = options;
  const target = new URL(mock.url);
  const agent = new Agent({ keepAlive: true });
  const queues = new Map<string, MockReply[]>();
  let calls: FrontCall[] = [];
  let seq = 0;
  let named = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    res.on('error', () => {});
    const url = req.url ?? '/';
    if (!url.startsWith(PREFIX)) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('aigate mock front: expected /m/<model>/<mock path>\n');
    const slash = url.indexOf('/', PREFIX.length);
    const model = decodeURIComponent(url.slice(PREFIX.length, slash === -1 ? undefined : slash));
    const rest = slash === -1 ? '/' : url.slice(slash);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => {});
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const q = rest.indexOf('?');
      const path = q === -1 ? rest : rest.slice(0, q);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const dialect = resolveMockRoute(path)?.dialect;
      const call: FrontCall = {
        seq: ++seq,
        model,
        method: req.method ?? 'POST',
        path,
        query: q === -1 ? '' : rest.slice(q + 1),
        headers,
        body: parse(raw),
        ...(dialect && { dialect }),
        status: 0,
      };
      calls.push(call);
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k) && k !== MOCK_HEADERS.cassette) out[k] = v;
      out['content-length'] = String(raw.length);
      const reply = queues.get(model)?.shift();
      if (reply !== undefined) {
        const name = `aigate-front-${++named}`;
        // A cassette without a request pattern would match every later request; this one
        // matches only when named.
        mock.addCassettes({ name, request: { headers: { [MOCK_HEADERS.cassette]: name } }, response: reply });
        out[MOCK_HEADERS.cassette] = name;
      }
      const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: rest, headers: out, agent }, (up) => {
        call.status = up.statusCode ?? 0;
        const back: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) back[k] = v;
        res.writeHead(up.statusCode ?? 502, back);
        res.flushHeaders();
        // A mock that cuts its reply must look cut to the gateway too: no clean end here.
        up.on('aborted', () => res.destroy());
        up.on('error', () => res.destroy());
        up.on('data', (c: Buffer) => res.write(c));
        up.on('end', () => {
          if (up.complete) res.end();
          else res.destroy();
        });
      });
      upstream.on('error', () => res.destroy());
      // The gateway gave up (its timeout, or its client left): stop waiting on the mock.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.end(raw);
    });
  };

  const server: Server = createServer({ keepAlive: true, noDelay: true }, handle);
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = options.advertise ?? host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;

  return {
    url,
    get calls() {
      return calls;
    },
    baseFor: (model) => `${url}${PREFIX}${encodeURIComponent(model)}`,
    queue(model, replies) {
      const q = queues.get(model) ?? [];
      q.push(...replies);
      queues.set(model, q);
    },
    clearQueues() {
      queues.clear();
    },
    reset() {
      queues.clear();
      calls = [];
      mock.reset();
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parse(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
