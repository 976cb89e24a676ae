/** The interface both counter stores (memory, Redis) implement: one atomic check-and-add over every
 * rule a request is subject to, and plain adds for usage reported after the response. The memory
 * store answers synchronously (no promise per request), Redis with promises. */

export interface CounterOp {
  /** The current window's counter. */
  readonly key: string;
  /** The previous window's counter (read for sliding windows; ignored when `weight` is 0). */
  readonly previousKey: string;
  /** Share of the previous window still counted. */
  readonly weight: number;
  readonly limit: number;
  /**
   * Added whatever the decision: 1 for a request-count rule, whose request is allowed while the
   * rate including it stays within the limit. Kong counts refused requests too (its default
   * `disable_penalty = false`), so a client that keeps hammering stays limited.
   */
  readonly always: number;
  /**
   * Added only when every rule allows the request: a token or cost rule's reservation for the
   * request in flight. Such a rule allows a request while the rate is below the limit, so the
   * request that crosses the limit is served and the next one is refused (FACTS §2.11).
   */
  readonly reserve: number;
  readonly ttlSeconds: number;
}

export interface CounterRead {
  /** The previous and current windows' counts before this request added anything. */
  readonly previous: number;
  readonly current: number;
}

export interface CheckResult {
  readonly allowed: boolean;
  readonly reads: readonly CounterRead[];
}

export interface CounterAdd {
  readonly key: string;
  /** May be negative: a reservation handed back. */
  readonly amount: number;
  readonly ttlSeconds: number;
}

export interface CounterStore {
  /** Atomically (across every proxy sharing the store): read each op's windows, decide, add. */
  checkAndAdd(ops: readonly CounterOp[]): CheckResult | Promise<CheckResult>;
  add(adds: readonly CounterAdd[]): void | Promise<void>;
}

/** The decision both stores make, given what they read (the Redis script mirrors it in Lua). */
export function allows(op: CounterOp, read: CounterRead): boolean {
  const rate = read.previous * op.weight + read.current;
  return op.always > 0 ? rate + op.always <= op.limit : rate < op.limit;
}
