/** A several-model route's balancer as ai-proxy-advanced's `balancer` record: algorithm, retries,
 * failover, timeouts and the strategy fields, every one written so no version default decides. */
import type { Route } from '../../model/index.ts';
import type { KongContext } from './context.ts';
import { firstVersionWith, kongHas } from './versions.ts';

export interface BalancerConfig {
  readonly algorithm: string;
  readonly retries: number;
  readonly failover_criteria: readonly string[];
  readonly connect_timeout: number;
  readonly read_timeout: number;
  readonly write_timeout: number;
  readonly hash_on_header?: string;
  /** Kong spells these with hyphens here, unlike ai-rate-limiting-advanced's underscores. */
  readonly latency_strategy: 'tpot' | 'e2e';
  readonly tokens_count_strategy: 'total-tokens' | 'prompt-tokens' | 'completion-tokens' | 'cost';
}

export function balancerConfig(ctx: KongContext, route: Route): BalancerConfig {
  const b = route.balancer;
  if (b.algorithm === 'least-connections' && !kongHas(ctx.version, 'balancer:least-connections')) {
    ctx.report(
      'unsupported_by_target',
      ['routes', route.name, 'balancer', 'algorithm'],
      `Kong ${ctx.version} has no least-connections balancing`,
      `target Kong ${firstVersionWith('balancer:least-connections')} or later, or pick another algorithm`,
    );
  }
  return {
    algorithm: b.algorithm,
    retries: b.retries,
    // Every LLM call is a POST, and Kong retries a POST on another target only when the criteria
    // include non_idempotent; without it, failover would never happen.
    failover_criteria: [...b.failover, 'non_idempotent'],
    connect_timeout: b.connectTimeoutMs,
    read_timeout: b.readTimeoutMs,
    write_timeout: b.writeTimeoutMs,
    hash_on_header: b.hashOnHeader,
    latency_strategy: b.latency,
    tokens_count_strategy: b.usage,
  };
}
