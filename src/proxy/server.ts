/** `startProxy`: the reference proxy's listeners. The proxy port runs the request pipeline on the
 * current runtime state; the admin port (loopback) reports and replaces that state. A reload
 * swaps one reference: each request keeps the state it started with. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../diagnostics/index.ts';
import type { ReferenceBundle } from '../model/index.ts';
import { createAdminHandler, generateAdminToken } from './admin.ts';
import { loadBundle } from './bundle.ts';
import { createContext, type ServerSettings, type Services } from './context.ts';
import { stderrSink, type LogSink } from './log.ts';
import { createMetrics, type ProxyMetrics } from './metrics.ts';
import { finishPolicies } from './finish.ts';
import { createMemoryStores } from './memory-stores.ts';
import { observe } from './observe.ts';
import { runPipeline, sendReply } from './pipeline.ts';
import { UNEXPECTED } from './errors.ts';
import type { Environment } from './secrets.ts';
import { buildState, type RuntimeState, type UpstreamUrlFor } from './state.ts';
import { Upstreams } from './upstream.ts';

export interface ProxyOptions {
  /** A loaded bundle (see `loadBundle`). */
  readonly bundle: ReferenceBundle;
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The admin listener, always on 127.0.0.1; `false` for none. @default { port: 0 } with a generated token */
  readonly admin?: false | { readonly port?: number; readonly token?: string };
  /** Serving against the mock providers: unreadable provider credentials become placeholders. */
  readonly mock?: boolean;
  /** Where provider requests go instead of the configured URLs (the CLI points them at the mocks). */
  readonly upstreamUrlFor?: UpstreamUrlFor;
  /** Where secrets are read. @default process.env */
  readonly env?: Environment;
  /** Request bodies above this get 413. @default 1 MiB (Kong 3.15's max_request_body_size) */
  readonly maxBodyBytes?: number;
  /** @default 60000 (Kong's connect_timeout) */
  readonly connectTimeoutMs?: number;
  /** Waiting for the reply's headers, and between reads of its body. @default 60000 (Kong's read_timeout) */
  readonly readTimeoutMs?: number;
  /** One JSON line per request; `false` for none. @default stderr */
  readonly log?: LogSink | false;
  /** Also answer `GET /metrics` on the proxy port (it is always on the admin port). @default false */
  readonly metricsOnProxyPort?: boolean;
  /** How long `close()` lets in-flight requests finish. @default 10000 */
  readonly shutdownGraceMs?: number;
  /** Count limits and cache answers in the Redis the model names (shared with other proxies); with
   * `false`, in this process's memory whatever the model says. @default true */
  readonly redis?: boolean;
}

export interface ReferenceProxy {
  /** `http://host:port` of the proxy listener. */
  readonly url: string;
  readonly port: number;
  /** Present unless `admin: false`. */
  readonly admin?: { readonly url: string; readonly port: number; readonly token: string };
  readonly metrics: ProxyMetrics;
  /** The state requests arriving now will run on. */
  current(): RuntimeState;
  /** What `POST /config` does: validate, resolve secrets, swap. The running state stays on failure. */
  reload(bundle: unknown): Result<RuntimeState>;
  /** Stops listening, lets in-flight requests finish (up to the grace period), closes the pools. */
  close(): Promise<void>;
}

const DEFAULTS = { maxBodyBytes: 1024 * 1024, connectTimeoutMs: 60_000, readTimeoutMs: 60_000, shutdownGraceMs: 10_000 };

export async function startProxy(options: ProxyOptions): Promise<Result<ReferenceProxy>> {
  const stateOptions = {
    mock: options.mock ?? false,
    // Memory counters and cache outlive reloads: a config push does not hand out fresh budgets.
    stores: createMemoryStores(),
    ...(options.redis !== undefined && { redis: options.redis }),
    ...(options.env && { env: options.env }),
    ...(options.upstreamUrlFor && { upstreamUrlFor: options.upstreamUrlFor }),
  };
  const first = buildState(options.bundle, stateOptions);
  if (!first.ok) return first;
  let state = first.value;

  const settings: ServerSettings = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    readTimeoutMs: options.readTimeoutMs ?? DEFAULTS.readTimeoutMs,
  };
  const upstreams = new Upstreams({ connectTimeoutMs: settings.connectTimeoutMs });
  const services: Services = { settings, upstreams };
  const metrics = createMetrics();
  const log = options.log === false ? undefined : (options.log ?? stderrSink);
  let inFlight = 0;
  let idle: (() => void) | undefined;

  // Retired states close their Redis and tracers once their last request ends; close() waits.
  const retiring = new Set<Promise<void>>();
  const retire = (old: RuntimeState) => {
    const done = old.lease.retire();
    retiring.add(done);
    void done.then(() => retiring.delete(done));
  };

  const reload = (bundle: unknown): Result<RuntimeState> => {
    const loaded = loadBundle(bundle);
    if (!loaded.ok) return loaded;
    const next = buildState(loaded.value, stateOptions);
    if (next.ok) {
      const old = state;
      state = next.value;
      retire(old);
    }
    return next;
  };

  const serveMetrics = (res: ServerResponse) =>
    void metrics.render().then((text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text));

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (options.metricsOnProxyPort && req.method === 'GET' && req.url === '/metrics') return serveMetrics(res);
    inFlight++;
    const current = state;
    current.lease.acquire();
    const ctx = createContext(services, current, req, res);
    const done = () => {
      current.lease.release();
      if (--inFlight === 0) idle?.();
    };
    const settle = () => {
      const settling = finishPolicies(ctx);
      observe(ctx, metrics, log);
      if (settling === undefined) done();
      else void settling.then(done);
    };
    // One handler pair rather than catch + finally: two promises fewer per request.
    runPipeline(ctx).then(settle, () => {
      ctx.error ??= 'internal';
      if (!ctx.responded && !res.headersSent) sendReply(ctx, UNEXPECTED);
      else res.destroy();
      settle();
    });
  };

  const server = createServer({ keepAlive: true, noDelay: true }, onRequest);
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);

  let admin: { server: Server; url: string; port: number; token: string } | undefined;
  const target = { current: () => state, reload, metrics };
  if (options.admin !== false) {
    const token = options.admin?.token ?? generateAdminToken();
    const adminServer = createServer(createAdminHandler(target, token));
    try {
      const adminPort = await listen(adminServer, options.admin?.port ?? 0, '127.0.0.1');
      admin = { server: adminServer, url: `http://127.0.0.1:${adminPort}`, port: adminPort, token };
    } catch (e) {
      server.close();
      throw e;
    }
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = Promise.all([closeServer(server), admin ? closeServer(admin.server) : undefined]);
      server.closeIdleConnections();
      admin?.server.closeAllConnections();
      if (inFlight > 0) {
        const grace = options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, grace);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await stopped;
      retire(state);
      await withTimeout(Promise.all(retiring), options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs);
      await upstreams.close(true);
      log?.flush?.();
    })();
    return closing;
  };

  const proxy: ReferenceProxy = {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    ...(admin && { admin: { url: admin.url, port: admin.port, token: admin.token } }),
    metrics,
    current: () => state,
    reload,
    close,
  };
  return { ok: true, value: proxy, warnings: [] };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Waits for `p`, but no longer than `ms` (a collector that does not answer must not hold the exit). */
function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.then(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}
