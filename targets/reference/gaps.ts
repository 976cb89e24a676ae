/** What the reference proxy accepts but does not run in full, said as warnings at the config path:
 * the bundle is still written and served, and the user learns which part `aigate serve` skips.
 *
 * - A cache's `semantic` search: the proxy answers exact matches only (the same final body from the
 *   same consumer on the same route); similar prompts are not looked up.
 * - Observability exports other than OpenTelemetry traces (StatsD, Zipkin, Datadog, log shipping,
 *   OpenTelemetry logs and metrics): the proxy has its own Prometheus metrics and JSON log lines. */
import type { Diagnostic, PathSegment } from '../../src/diagnostics/index.ts';
import { error } from '../../src/diagnostics/index.ts';
import type { GatewayModel, Policies } from '../../src/model/index.ts';

const TARGET = 'reference';

function warn(path: readonly PathSegment[], message: string, hint: string): Diagnostic {
  return { ...error('unsupported_by_target', path, message, hint), severity: 'warning', target: TARGET };
}

/** Every scope, in the order the feature walk reports them (global, then routes first), so the
 * warning at a cache's semantic path replaces the generic "cannot express" error there. */
function scopes(m: GatewayModel): { readonly at: readonly PathSegment[]; readonly policies: Policies }[] {
  return [
    { at: ['policies'], policies: m.policies },
    ...m.routes.map((r) => ({ at: ['routes', r.name, 'policies'], policies: r.policies })),
    ...m.consumers.map((c) => ({ at: ['consumers', c.name, 'policies'], policies: c.policies })),
    ...m.consumerGroups.map((g) => ({ at: ['consumerGroups', g.name, 'policies'], policies: g.policies })),
  ];
}

const EXPORTS = [
  ['statsd', 'StatsD metrics'],
  ['zipkin', 'Zipkin traces'],
  ['datadog', 'Datadog metrics'],
] as const;

export function referenceGaps(m: GatewayModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { at, policies } of scopes(m)) {
    if (policies.cache?.semantic) {
      out.push(
        warn(
          [...at, 'cache', 'semantic'],
          'the reference proxy serves exact matches from the cache only; similar-prompt (semantic) matching is not run',
          'aigate serve and aigate test answer only identical requests from the cache; Kong targets run the semantic search',
        ),
      );
    }
    const o = policies.observability;
    if (o === undefined) continue;
    const here = [...at, 'observability'];
    const skip = 'the reference proxy exports OpenTelemetry traces, Prometheus metrics and JSON request logs only';
    for (const [key, what] of EXPORTS) {
      if (o[key] !== undefined) out.push(warn([...here, key], `the reference proxy does not send ${what}`, skip));
    }
    for (const key of ['http', 'file', 'tcp'] as const) {
      if (o.logs?.[key] !== undefined) out.push(warn([...here, 'logs', key], `the reference proxy does not ship request logs over ${key}; it writes them to stderr`, skip));
    }
    for (const key of ['logs', 'metrics'] as const) {
      if (o.opentelemetry?.[key] !== undefined) out.push(warn([...here, 'opentelemetry', key], `the reference proxy does not export OpenTelemetry ${key}`, skip));
    }
  }
  return out;
}
