/** Client-facing rate-limit headers and the 429 reply.
 *
 * Kong's ai-rate-limiting-advanced (FACTS §2.11; docs: app/_kong_plugins/ai-rate-limiting-advanced)
 * names each limit by window size in seconds and provider (or, from 3.14, policy):
 *   X-AI-RateLimit-Limit-30-azure: 1000         X-AI-RateLimit-Remaining-30-azure: 950
 * and on 429 adds `X-AI-RateLimit-Reset-30-azure`, `X-AI-RateLimit-Retry-After-30-azure`, the
 * overall `X-AI-RateLimit-Reset` / `X-AI-RateLimit-Retry-After`, and `Retry-After`.
 *
 * aigate's limits are not per provider but per scope, so the name is `<scope>-<count>`:
 *   X-AI-RateLimit-Limit-60-consumer-total-tokens: 1000
 *   X-AI-RateLimit-Remaining-86400-global-cost: 12.5
 *   X-AI-RateLimit-Limit-60-consumer-group-requests: 100
 * with scope ∈ global | route | consumer | consumer-group and count ∈ requests | total-tokens |
 * prompt-tokens | completion-tokens | cost. Two limits that would share a name (same window, scope
 * and count, e.g. two groups' budgets) get `-2`, `-3`, … in precedence order.
 *
 * The 429 body keeps Kong's shape and its 3.15 default message, `{"message": "AI token rate limit
 * exceeded for provider(s): <providers>"}`, listing the providers of the route's models (Kong
 * lists the providers whose limit was hit; ours are not per provider).
 */
import type { LimitCount, PolicyScope } from '../../../model/index.ts';
import { gatewayMessage, type PolicyReply } from '../reply.ts';

export type HeaderKind = 'Limit' | 'Remaining' | 'Reset' | 'Retry-After';

export function limitHeader(kind: HeaderKind, windowSeconds: number, name: string): string {
  return `X-AI-RateLimit-${kind}-${windowSeconds}-${name}`;
}

/** The name of each limit, unique within one response. */
export function limitNames(rules: readonly { readonly scope: PolicyScope; readonly count: LimitCount; readonly windowSeconds: number }[]): string[] {
  const seen = new Map<string, number>();
  return rules.map((r) => {
    const base = `${r.scope}-${r.count}`;
    const key = `${r.windowSeconds}-${base}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** Whole numbers for requests and tokens (rounded down, so "remaining" never overpromises); up to
 * six decimals for cost. */
export function formatAmount(count: LimitCount, value: number): string {
  const v = Math.max(0, value);
  return count === 'cost' ? String(Math.floor(v * 1e6) / 1e6) : String(Math.floor(v));
}

const RATE_LIMIT_MESSAGE = 'AI token rate limit exceeded for provider(s): ';

export function rateLimited(providers: readonly string[], headers: Readonly<Record<string, string>>): PolicyReply {
  return gatewayMessage(429, RATE_LIMIT_MESSAGE + [...new Set(providers)].join(', '), headers);
}
