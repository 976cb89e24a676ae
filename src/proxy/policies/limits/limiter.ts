/** Request, token and cost limits (ai-rate-limiting-advanced semantics, FACTS §1.8 and §2.11).
 *
 *   check(limits, request)  before proxying: requests count 1 at once; token and cost limits
 *                           admit while under the limit and reserve the request's estimate.
 *   record(ticket, usage, cost)  after the response: the reservation is swapped for the real
 *                           usage. So, one request at a time, the request that crosses a limit is
 *                           served and the next is refused, as in Kong; under concurrency the
 *                           reservations keep a burst from overshooting by more than one request.
 *
 * Every limit of every applicable scope applies (see resolve.ts), each with its own counter, keyed
 * by scope, rule index, count, what it is kept per (`by`) and that identity. */
import { createHash } from 'node:crypto';
import type { Limit, LimitCount } from '../../../model/index.ts';
import { headerValue, type HeaderBag } from '../json.ts';
import type { PolicyReply } from '../reply.ts';
import type { ScopedPolicy } from '../resolve.ts';
import type { TokenUsage } from '../usage.ts';
import { formatAmount, limitHeader, limitNames, rateLimited } from './headers.ts';
import { allows, type CheckResult, type CounterAdd, type CounterOp, type CounterRead, type CounterStore } from './store.ts';
import { rateOf, secondsUntilRate, windowAt, windowStart, type WindowMode, type WindowView } from './window.ts';

export interface LimitRequest {
  readonly route: string;
  /** The authenticated consumer, if any. */
  readonly consumer?: { readonly name: string; readonly groups: readonly string[] };
  /** A stable, non-secret id of the credential used (never the key itself); it is hashed anyway. */
  readonly credential?: string;
  /** The client's connection: its address is the fallback identity when the one a limit is kept
   * per is missing. Read only then (it is a system call the first time). */
  readonly client: { readonly remoteAddress?: string | undefined };
  readonly headers: HeaderBag;
  /** The route's providers, as Kong names them, for the 429 message. */
  readonly providers: readonly string[];
  /** What the request is expected to use, reserved while it is in flight (e.g. Kong's prompt
   * word estimate plus `max_tokens`). Without it nothing is reserved: exact one request at a
   * time, but a concurrent burst can overshoot. */
  readonly estimate?: TokenUsage & { readonly cost?: number };
}

interface Reservation {
  readonly base: string;
  /** The window the reservation was made in, and its counter key. */
  readonly start: number;
  readonly key: string;
  readonly amount: number;
  readonly count: LimitCount;
  readonly windowSeconds: number;
  readonly ttlSeconds: number;
}

/** What `record` needs to settle an admitted request. Record it exactly once, also when the
 * request failed (with zero usage), so its reservation is handed back. */
export interface LimitTicket {
  readonly reservations: readonly Reservation[];
  /** Set by the first `record`: a second would count the usage twice. */
  settled: boolean;
}

export interface LimitDecision {
  readonly allowed: boolean;
  /** Headers for the client's response (the 429's or the proxied one's). */
  readonly headers: Readonly<Record<string, string>>;
  /** Seconds, when refused. */
  readonly retryAfter?: number;
  /** The 429 to send, when refused. */
  readonly reply?: PolicyReply;
  readonly ticket: LimitTicket;
  /** The counter store failed; the request was let through (fail open, like Kong's
   * `fault_tolerant` rate limiting) and this says why, for the log. */
  readonly error?: string;
}

/** Synchronous with the memory store, promises with Redis: the proxy awaits only what it must. */
export interface Limiter {
  check(limits: readonly ScopedPolicy<'limits'>[], request: LimitRequest): LimitDecision | Promise<LimitDecision>;
  record(ticket: LimitTicket, usage: TokenUsage, cost: number): Promise<void> | undefined;
}

export interface LimiterOptions {
  readonly store: CounterStore;
  readonly now?: () => number;
  /** Key prefix, so several gateways can share one Redis. */
  readonly prefix?: string;
  readonly onError?: (error: unknown) => void;
}

/** Nothing to settle: `record` returns before it would mark it. */
const NO_TICKET: LimitTicket = Object.freeze({ reservations: [], settled: true });
const short = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

const ipOf = (req: LimitRequest) => `ip=${req.client.remoteAddress ?? ''}`;

/** Who a limit's counter belongs to. A missing identity falls back to the client's IP, as Kong's
 * rate limiting does. Secret-ish values (credentials, header values) are hashed. */
function identityOf(limit: Limit, scoped: ScopedPolicy<'limits'>, req: LimitRequest): string {
  switch (limit.by) {
    case 'consumer':
      return req.consumer ? `consumer=${req.consumer.name}` : ipOf(req);
    case 'consumer-group': {
      // A group's own budget counts for the group; elsewhere the caller's first group (by name, as
      // in plugin precedence) is the one charged.
      const group = scoped.scope === 'consumer-group' ? scoped.name : [...(req.consumer?.groups ?? [])].sort()[0];
      return group !== undefined ? `group=${group}` : ipOf(req);
    }
    case 'credential':
      return req.credential !== undefined ? `credential=${short(req.credential)}` : ipOf(req);
    case 'ip':
      return ipOf(req);
    case 'route':
      return `route=${req.route}`;
    case 'header': {
      const v = limit.header === undefined ? undefined : headerValue(req.headers, limit.header);
      return v !== undefined ? `header=${short(v)}` : ipOf(req);
    }
  }
}

function amountOf(count: LimitCount, usage: TokenUsage | undefined, cost: number | undefined): number {
  switch (count) {
    case 'requests':
      return 0;
    case 'total-tokens':
      return (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0);
    case 'prompt-tokens':
      return usage?.prompt_tokens ?? 0;
    case 'completion-tokens':
      return usage?.completion_tokens ?? 0;
    case 'cost':
      return cost ?? 0;
  }
}

// A sliding window still needs the previous window; a second of slack covers clock edges.
const ttlOf = (windowSeconds: number, mode: WindowMode) => Math.ceil(windowSeconds * (mode === 'sliding' ? 2 : 1)) + 1;

/** What stays the same for every request under one resolved set of limits (the resolver hands the
 * same array for a route and consumer): each rule's key prefix and header names, worked out once. */
interface Rule {
  readonly scoped: ScopedPolicy<'limits'>;
  readonly limit: Limit;
  /** The counter key up to the identity. */
  readonly keyPrefix: string;
  readonly limitHeader: string;
  /** The limit as its header shows it. */
  readonly limitValue: string;
  readonly remainingHeader: string;
  readonly resetHeader: string;
  readonly retryAfterHeader: string;
  readonly ttlSeconds: number;
  /** The counter keys last used per identity: the same strings come back for every request of a
   * window, so the counter store hashes them once rather than once per request. */
  readonly keys: Map<string, WindowKeys>;
}

interface WindowKeys {
  readonly base: string;
  readonly start: number;
  readonly key: string;
  readonly previousKey: string;
}

/** Identities remembered per rule (IPs are unbounded); past this the memo starts again. */
const KEYS_MAX = 10_000;

function keysOf(rule: Rule, identity: string, start: number): WindowKeys {
  let k = rule.keys.get(identity);
  if (k === undefined || k.start !== start) {
    const w = rule.limit.windowSeconds;
    const base = k?.base ?? `${rule.keyPrefix}${identity}:${w}`;
    k = { base, start, key: `${base}:${start}`, previousKey: `${base}:${start - w}` };
    if (rule.keys.size >= KEYS_MAX) rule.keys.clear();
    rule.keys.set(identity, k);
  }
  return k;
}

function rulesOf(scopes: readonly ScopedPolicy<'limits'>[], prefix: string): Rule[] {
  const rules = scopes.flatMap((scoped) => scoped.policy.limits.map((limit, index) => ({ scoped, limit, index })));
  const names = limitNames(rules.map(({ scoped, limit }) => ({ scope: scoped.scope, count: limit.count, windowSeconds: limit.windowSeconds })));
  return rules.map(({ scoped, limit, index }, i) => {
    const name = names[i]!;
    const w = limit.windowSeconds;
    return {
      scoped,
      limit,
      keyPrefix: `${prefix}${scoped.scope}:${scoped.name}:${index}:${limit.count}:${limit.by}:`,
      limitHeader: limitHeader('Limit', w, name),
      limitValue: formatAmount(limit.count, limit.limit),
      remainingHeader: limitHeader('Remaining', w, name),
      resetHeader: limitHeader('Reset', w, name),
      retryAfterHeader: limitHeader('Retry-After', w, name),
      ttlSeconds: ttlOf(w, scoped.policy.window),
      keys: new Map(),
    };
  });
}

/** One rule applied to one request. */
interface Plan {
  readonly rule: Rule;
  readonly view: WindowView;
  /** The counter's key without its window start. */
  readonly base: string;
  readonly op: CounterOp;
}

function planOf(rule: Rule, req: LimitRequest, at: number): Plan {
  const { scoped, limit } = rule;
  const view = windowAt(at, limit.windowSeconds, scoped.policy.window);
  const keys = keysOf(rule, identityOf(limit, scoped, req), view.start);
  const isRequests = limit.count === 'requests';
  const op: CounterOp = {
    key: keys.key,
    previousKey: keys.previousKey,
    weight: view.weight,
    limit: limit.limit,
    always: isRequests ? 1 : 0,
    reserve: isRequests ? 0 : Math.max(0, amountOf(limit.count, req.estimate, req.estimate?.cost)),
    ttlSeconds: rule.ttlSeconds,
  };
  return { rule, view, base: keys.base, op };
}

/** Seconds until a refused rule would admit again. A refused request was still counted (penalty),
 * and the next one needs room for itself; a token or cost limit needs the rate back under it. */
function waitFor(p: Plan, read: CounterRead): number {
  const { limit, windowSeconds } = p.rule.limit;
  const target = p.op.always > 0 ? limit - p.op.always : limit * (1 - 1e-9);
  return Math.max(1, secondsUntilRate(p.view, windowSeconds, p.rule.scoped.policy.window, read.previous, read.current + p.op.always, target));
}

export function createLimiter(options: LimiterOptions): Limiter {
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'aigate:rl:';
  const ruleSets = new WeakMap<readonly ScopedPolicy<'limits'>[], Rule[]>();
  const failOpen = (e: unknown): LimitDecision => {
    options.onError?.(e);
    return { allowed: true, headers: {}, ticket: NO_TICKET, error: (e as Error).message };
  };
  const reportError = (e: unknown) => void options.onError?.(e);

  return {
    check(scopes, req) {
      const at = now();
      let rules = ruleSets.get(scopes);
      if (rules === undefined) ruleSets.set(scopes, (rules = rulesOf(scopes, prefix)));
      if (rules.length === 0) return { allowed: true, headers: {}, ticket: NO_TICKET };
      // Plain loops: this runs for every request of a limited route.
      const plans: Plan[] = [];
      const ops: CounterOp[] = [];
      for (const rule of rules) {
        const plan = planOf(rule, req, at);
        plans.push(plan);
        ops.push(plan.op);
      }
      let result;
      try {
        result = options.store.checkAndAdd(ops);
      } catch (e) {
        return failOpen(e);
      }
      return result instanceof Promise ? result.then((r) => decide(plans, r, req), failOpen) : decide(plans, result, req);
    },

    record(ticket, usage, cost) {
      if (ticket.settled) return;
      ticket.settled = true;
      const at = now();
      // The reservation is taken back where it was made and the usage lands in the window current
      // now: usually the same counter, so one add.
      const adds: CounterAdd[] = [];
      for (const r of ticket.reservations) {
        const used = amountOf(r.count, usage, cost);
        const start = windowStart(at, r.windowSeconds);
        if (start === r.start) addTo(adds, r.key, used - r.amount, r.ttlSeconds);
        else {
          addTo(adds, r.key, -r.amount, r.ttlSeconds);
          addTo(adds, `${r.base}:${start}`, used, r.ttlSeconds);
        }
      }
      try {
        const done = options.store.add(adds);
        if (done instanceof Promise) return done.catch(reportError);
      } catch (e) {
        reportError(e);
      }
    },
  };
}

/** Adds to the entry for `key` (two rules may share a counter), or appends one. */
function addTo(adds: CounterAdd[], key: string, amount: number, ttlSeconds: number): void {
  for (let i = 0; i < adds.length; i++) {
    const prev = adds[i]!;
    if (prev.key !== key) continue;
    adds[i] = { key, amount: prev.amount + amount, ttlSeconds: Math.max(ttlSeconds, prev.ttlSeconds) };
    return;
  }
  adds.push({ key, amount, ttlSeconds });
}

/** The decision from what the store read: the headers, and a 429 or the reservations to settle. */
function decide(plans: readonly Plan[], result: CheckResult, req: LimitRequest): LimitDecision {
  const headers: Record<string, string> = {};
  let retryAfter = 0;
  let showRetryAfter = false;
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i]!;
    const read = result.reads[i]!;
    const { limit, count } = p.rule.limit;
    const show = !p.rule.scoped.policy.hideHeaders;
    if (show) {
      headers[p.rule.limitHeader] = p.rule.limitValue;
      headers[p.rule.remainingHeader] = formatAmount(count, limit - rateOf(p.view, read.previous, read.current) - p.op.always);
    }
    if (allows(p.op, read)) continue;
    const wait = waitFor(p, read);
    retryAfter = Math.max(retryAfter, wait);
    if (show) {
      headers[p.rule.resetHeader] = String(wait);
      headers[p.rule.retryAfterHeader] = String(wait);
    }
    showRetryAfter ||= show;
  }

  if (!result.allowed) {
    if (showRetryAfter) {
      headers['X-AI-RateLimit-Reset'] = String(retryAfter);
      headers['X-AI-RateLimit-Retry-After'] = String(retryAfter);
    }
    // Retry-After is plain HTTP that SDKs back off on; hideHeaders hides only Kong's X-AI-* set.
    headers['Retry-After'] = String(retryAfter);
    return { allowed: false, headers, retryAfter, reply: rateLimited(req.providers, headers), ticket: NO_TICKET };
  }
  const reservations: Reservation[] = [];
  for (const p of plans) {
    const { count, windowSeconds } = p.rule.limit;
    if (count === 'requests') continue;
    reservations.push({ base: p.base, start: p.view.start, key: p.op.key, amount: p.op.reserve, count, windowSeconds, ttlSeconds: p.op.ttlSeconds });
  }
  return { allowed: true, headers, ticket: reservations.length === 0 ? NO_TICKET : { reservations, settled: false } };
}
