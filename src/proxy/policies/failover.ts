/** Whether a failed upstream attempt moves on to the next model (ai-proxy-advanced's
 * `failover_criteria`, FACTS §2.11). */
import type { FailoverCriterion } from '../../model/index.ts';

/** How one attempt ended. `invalid_header` is an upstream reply whose headers could not be read. */
export type AttemptOutcome =
  | { readonly kind: 'error' | 'timeout' | 'invalid_header'; readonly streamStarted: boolean }
  | { readonly kind: 'status'; readonly status: number; readonly streamStarted: boolean };

/**
 * True when the request should be retried on the next model.
 * - Never once bytes of a stream have reached the client: a retry would splice two answers into one
 *   stream. The server must end that stream with an error event instead.
 * - Statuses fail over only when listed (`http_429`, `http_500`, …); other client errors are the
 *   client's to fix, and retrying them elsewhere only spends tokens.
 * - Kong also requires `non_idempotent` before it retries a POST. Every LLM call is a POST and the
 *   model has no such criterion, so here any listed failure fails over; the Kong targets must emit
 *   `non_idempotent` for Kong to behave the same.
 */
export function shouldFailover(criteria: readonly FailoverCriterion[], outcome: AttemptOutcome): boolean {
  if (outcome.streamStarted) return false;
  if (outcome.kind !== 'status') return criteria.includes(outcome.kind);
  if (outcome.status < 400) return false;
  return criteria.includes(`http_${outcome.status}` as FailoverCriterion);
}
