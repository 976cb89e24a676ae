/** What ai-proxy-advanced, as the Kong layer writes it, carries of a route's balancer: round-robin
 * over equal weights with Kong's default retries, failover and timeouts. Anything else is reported. */
import type { Balancer, Route } from '../../model/index.ts';
import type { KongContext } from './context.ts';

// Kong's ai-proxy-advanced defaults, which the config's defaults mirror; the plugin is written
// without these fields, so only these values survive.
const KONG_DEFAULTS = {
  retries: 5,
  failover: ['error', 'timeout'],
  connectTimeoutMs: 60_000,
  readTimeoutMs: 60_000,
  writeTimeoutMs: 60_000,
} as const;

const HINT = 'remove the setting, or compile for the reference target until the Kong targets write it';

/**
 * Reports each balancer setting of a several-model route that `aiProxyPlugin` does not write yet.
 * (The deck target does not call this: its output predates the model's balancer, and turning its
 * silently ignored settings into errors is that target's decision.)
 */
export function reportBalancerGaps(ctx: KongContext, route: Route): void {
  if (route.models.length < 2) return;
  const b: Balancer = route.balancer;
  const at = ['routes', route.name, 'balancer'];
  const gap = (field: string, what: string) => ctx.report('unsupported_by_target', [...at, field], `the ${ctx.target} target cannot express ${what} yet`, HINT);
  if (b.algorithm !== 'round-robin') gap('algorithm', `the ${b.algorithm} balancing algorithm (it balances round-robin)`);
  const weights = route.models.map((m) => b.weights[m]);
  if (new Set(weights).size > 1) ctx.report('unsupported_by_target', ['routes', route.name, 'models'], `the ${ctx.target} target cannot express model weights yet (it weighs every model the same)`, HINT);
  if (b.retries !== KONG_DEFAULTS.retries) gap('retries', 'a retry count other than 5');
  if (b.failover.join() !== KONG_DEFAULTS.failover.join()) gap('failover', 'failover criteria other than error and timeout');
  for (const f of ['connectTimeoutMs', 'readTimeoutMs', 'writeTimeoutMs'] as const) if (b[f] !== KONG_DEFAULTS[f]) gap(f, `a ${f} other than 60000`);
  if (b.hashOnHeader !== undefined) gap('hashOnHeader', 'a hash header');
}
