/** The per-request context the pipeline stages read and fill in, and the server-wide services they
 * share. One object per request with every field present from the start, so its shape never
 * changes while the stages run. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CacheLookup, EffectivePolicies, LimitTicket, RequestTrace } from './policies/index.ts';
import type { Outgoing } from './deliver.ts';
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

/** How the limits treated the request, for logs and metrics. */
export type LimitOutcome = 'allowed' | 'rejected' | 'error';

/** What the policies asked for, with `NO_POLICIES` standing for "none apply" (the common case). */
export const NO_POLICIES: EffectivePolicies = Object.freeze({ limits: Object.freeze([]) });

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
  /** The body in use: the client's, or what a request transformer or template made of it. */
  rawBody: Buffer | undefined;
  /** The body in use as JSON, once parsed; the prompt decorator replaces it. */
  body: JsonObject | undefined;
  /** A client header not to forward: the key-auth header under `hideCredentials`. */
  hiddenHeader: string | undefined;
  /** The model serving the request: the first choice until an attempt fails over. */
  target: Target | undefined;
  /** The client named the model in its body (so it is tried first, whatever the balancer says). */
  modelNamed: boolean;
  stream: boolean;
  /** The policies that apply to this route and consumer; `NO_POLICIES` until resolved. */
  policies: EffectivePolicies;
  /** Headers every response to this request carries (rate-limit and cache headers). */
  extraHeaders: Record<string, string> | undefined;
  limitTicket: LimitTicket | undefined;
  limit: LimitOutcome | undefined;
  /** The limiter's headers for this request (remaining amounts), for the metrics. */
  limitHeaders: Readonly<Record<string, string>> | undefined;
  /** The cache lookup (`Miss`/`Refresh` ones are saved to when the response is complete). */
  cache: CacheLookup | undefined;
  /** A cache store in progress, waited for before the request's state may close its Redis. */
  cacheWrite: Promise<boolean> | undefined;
  trace: RequestTrace | undefined;
  /** Upstream attempts made (more than one when the balancer failed over). */
  attempts: number;
  /** A buffered reply held back for the response transformer instead of being written. */
  held: Outgoing | undefined;
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
    modelNamed: false,
    stream: false,
    policies: NO_POLICIES,
    extraHeaders: undefined,
    limitTicket: undefined,
    limit: undefined,
    limitHeaders: undefined,
    cache: undefined,
    cacheWrite: undefined,
    trace: undefined,
    attempts: 0,
    held: undefined,
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

/** Adds headers every response to this request must carry. */
export function addResponseHeaders(ctx: RequestContext, headers: Readonly<Record<string, string>>): void {
  for (const name in headers) (ctx.extraHeaders ??= {})[name] = headers[name] as string;
}
