/** A route's models as a Portkey strategy. One model: `single`. Round-robin: `loadbalance` with
 * the weights (Portkey picks at random by weight and does not fail over). Priority: `fallback`,
 * highest weight first, as many targets as Kong would try (1 + retries), moving on at the statuses
 * the failover criteria name. Kong's other algorithms have no Portkey strategy. */
import { error, type Diagnostic } from '../../src/diagnostics/index.ts';
import type { FailoverCriterion, Route } from '../../src/model/index.ts';
import type { PortkeyConfig } from './portkey-types.ts';

const ID = 'portkey';
const DEFAULT_READ_TIMEOUT_MS = 60_000;

/** Portkey answers 408 when `request_timeout` passes, and a failed connection as a 5xx it makes
 * itself; statuses are all its fallback can see. */
const STATUSES: Readonly<Record<FailoverCriterion, readonly number[]>> = {
  error: [500, 502, 503],
  timeout: [408, 504],
  invalid_header: [],
  http_403: [403],
  http_404: [404],
  http_429: [429],
  http_500: [500],
  http_502: [502],
  http_503: [503],
  http_504: [504],
};

export interface Strategy {
  readonly strategy: PortkeyConfig['strategy'];
  /** Model names, in target order. */
  readonly models: readonly string[];
  /** Weights per target (loadbalance only). */
  readonly weights?: readonly number[];
  readonly requestTimeoutMs?: number;
}

export function strategyFor(r: Route, problems: Diagnostic[]): Strategy {
  const b = r.balancer;
  const at = ['routes', r.name, 'balancer'];
  const timeout = b.readTimeoutMs !== DEFAULT_READ_TIMEOUT_MS ? { requestTimeoutMs: b.readTimeoutMs } : {};
  if (r.models.length === 1) return { strategy: { mode: 'single' }, models: r.models, ...timeout };
  const weight = (m: string) => b.weights[m] ?? 100;
  switch (b.algorithm) {
    case 'round-robin':
      if (b.retries > 0 && b.failover.length > 0) {
        problems.push({
          code: 'unsupported_by_target',
          severity: 'warning',
          path: [...at, 'retries'],
          message: "Portkey's loadbalance mode picks one model by weight and does not fail over to the others",
          hint: "use algorithm: 'priority' for fallback",
          target: ID,
        });
      }
      return { strategy: { mode: 'loadbalance' }, models: r.models, weights: r.models.map(weight), ...timeout };
    case 'priority': {
      // A stable sort: equal weights keep the config's order.
      const ordered = r.models.map((m, i) => ({ m, i })).sort((x, y) => weight(y.m) - weight(x.m) || x.i - y.i).map((x) => x.m);
      const codes = [...new Set(b.failover.flatMap((c) => STATUSES[c]))].sort((x, y) => x - y);
      return { strategy: { mode: 'fallback', on_status_codes: codes }, models: ordered.slice(0, b.retries + 1), ...timeout };
    }
    default:
      problems.push({ ...error('unsupported_by_target', [...at, 'algorithm'], `Portkey has no ${b.algorithm} balancing`, "use 'round-robin' (loadbalance) or 'priority' (fallback)"), target: ID });
      return { strategy: { mode: 'loadbalance' }, models: r.models };
  }
}
