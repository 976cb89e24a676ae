/** The per-request context the pipeline stages read and fill in, and the server-wide services they
 * share. One object per request with every field present from the start, so its shape never
 * changes while the stages run. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsumerIdentity, RouteRuntime, RuntimeState, Target } from './state.ts';
import type { JsonObject, Usage } from './translate/index.ts';
import type { Upstreams } from './upstream.ts';

/** Settings that hold for the life of the server (a reload changes the bundle, not these). */
export interface ServerSettings {
  /** Bodies above this get 413. */
  readonly maxBodyBytes: number;
  readonly connectTimeoutMs: number;
  /** Waiting for the reply's headers, and between two reads of its body. */
  readonly readTimeoutMs: number;
}

/** What every request shares: settings and the upstream connection pools. */
export interface Services {
  readonly settings: ServerSettings;
  readonly upstreams: Upstreams;
}

export interface RequestContext {
  readonly services: Services;
  /** The configuration this request runs on, even if a reload happens meanwhile. */
  readonly state: RuntimeState;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
  readonly pathname: string;
  /** The query string with its `?`, or ''. */
  readonly search: string;
  /** Parsed on first use; key-auth may delete its key from it. */
  query: URLSearchParams | undefined;
  route: RouteRuntime | undefined;
  consumer: ConsumerIdentity | undefined;
  rawBody: Buffer | undefined;
  /** The client's JSON body, once parsed. */
  body: JsonObject | undefined;
  /** A client header not to forward: the key-auth header under `hideCredentials`. */
  hiddenHeader: string | undefined;
  target: Target | undefined;
  stream: boolean;
  /** Set once a response has been started; later stages then do nothing. */
  responded: boolean;
  status: number;
  usage: Usage | undefined;
  cost: number | undefined;
  upstreamMs: number | undefined;
  /** The client went away before the response ended. */
  clientGone: boolean;
  /** A proxy-side failure, for the log (`upstream_timeout`, `stream_cut`, …). */
  error: string | undefined;
}

export function createContext(services: Services, state: RuntimeState, req: IncomingMessage, res: ServerResponse): RequestContext {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    services,
    state,
    req,
    res,
    startedAt: performance.now(),
    pathname: q === -1 ? url : url.slice(0, q),
    search: q === -1 ? '' : url.slice(q),
    query: undefined,
    route: undefined,
    consumer: undefined,
    rawBody: undefined,
    body: undefined,
    hiddenHeader: undefined,
    target: undefined,
    stream: false,
    responded: false,
    status: 0,
    usage: undefined,
    cost: undefined,
    upstreamMs: undefined,
    clientGone: false,
    error: undefined,
  };
}

/** The client's query, parsed once. */
export function queryOf(ctx: RequestContext): URLSearchParams {
  ctx.query ??= new URLSearchParams(ctx.search);
  return ctx.query;
}
