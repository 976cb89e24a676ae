/** Policies from the user's shape to the model's: presets applied, templates looked up,
 * shorthands (`prometheus: true`, `failover: ['5xx']`, a bare list of limits) expanded. */
import type {
  Balancer,
  FailoverCriterion,
  LimitsPolicy,
  ObservabilityPolicy,
  Policies,
  PolicyKind,
  RedisSettings,
  SemanticSearch,
} from '../model/index.ts';
import { POLICY_KINDS } from '../model/index.ts';
import type { BalancerOutput, GatewayConfigOutput, PoliciesOutput, PresetOutput, RouteModelOutput } from '../spec/index.ts';
import { WINDOWS } from '../spec/index.ts';
import { toSecretRef } from './secret-ref.ts';

type Own = Omit<PoliciesOutput, 'use'> | Omit<PresetOutput, 'use'>;

const search = (s: { embeddings: string; dimensions: number; distance: 'cosine' | 'euclidean'; threshold: number }): SemanticSearch => ({
  embeddings: s.embeddings,
  dimensions: s.dimensions,
  distance: s.distance,
  threshold: s.threshold,
});

function limits(l: NonNullable<PoliciesOutput['limits']>): LimitsPolicy {
  const o = Array.isArray(l) ? { rules: l, window: 'sliding' as const, hideHeaders: false } : l;
  return {
    limits: o.rules.map((r) => ({
      limit: r.limit,
      windowSeconds: typeof r.window === 'number' ? r.window : WINDOWS[r.window],
      count: r.count,
      by: r.by,
      ...(r.header !== undefined && { header: r.header }),
    })),
    window: o.window,
    hideHeaders: o.hideHeaders,
  };
}

function observability(o: NonNullable<PoliciesOutput['observability']>): ObservabilityPolicy {
  const p = o.prometheus === true ? { perConsumer: false, statusCodes: true, latency: true, bandwidth: false } : o.prometheus;
  const t = o.opentelemetry;
  return {
    ...(p && { prometheus: p }),
    ...(t && {
      opentelemetry: {
        ...(t.traces && { traces: t.traces }),
        ...(t.logs && { logs: t.logs }),
        ...(t.metrics && { metrics: t.metrics }),
        ...(t.sampleRate !== undefined && { sampleRate: t.sampleRate }),
        headers: Object.fromEntries(Object.entries(t.headers).map(([k, v]) => [k, toSecretRef(v)])),
        resourceAttributes: t.resourceAttributes,
      },
    }),
    ...(o.statsd && { statsd: o.statsd }),
    ...(o.zipkin && { zipkin: o.zipkin }),
    ...(o.datadog && { datadog: o.datadog }),
    ...(o.logs && { logs: o.logs }),
  };
}

/** One scope's own policies in model form (no presets). */
function own(p: Own, c: GatewayConfigOutput): Policies {
  const out: { -readonly [K in PolicyKind]?: Policies[K] } = {};
  if (p.promptGuard) {
    const g = p.promptGuard;
    out.promptGuard = { allow: g.allow, deny: g.deny, matchAllRoles: g.roles === 'all', latestOnly: g.history === 'latest' };
  }
  if (p.promptDecorator) out.promptDecorator = p.promptDecorator;
  if (p.promptTemplates) {
    const t = p.promptTemplates;
    out.promptTemplates = {
      templates: t.templates.map((x) => (typeof x === 'string' ? { name: x, template: c.templates[x] ?? '' } : x)),
      allowUntemplated: t.allowUntemplated,
      logOriginalRequest: t.logOriginalRequest,
    };
  }
  for (const kind of ['requestTransformer', 'responseTransformer'] as const) {
    const t = p[kind];
    if (!t) continue;
    const base = { prompt: t.prompt, model: t.model, timeoutMs: t.timeoutMs, ...(t.extract !== undefined && { extractPattern: t.extract }) };
    if (kind === 'requestTransformer') out.requestTransformer = base;
    else out.responseTransformer = { ...base, parseJsonInstructions: 'jsonInstructions' in t && t.jsonInstructions === true };
  }
  if (p.limits) out.limits = limits(p.limits);
  if (p.cache) {
    const k = p.cache;
    out.cache = { ttlSeconds: k.ttl, cacheControl: k.cacheControl, ...(k.semantic && { semantic: search(k.semantic) }) };
  }
  if (p.semanticGuard) {
    const g = p.semanticGuard;
    out.semanticGuard = { allow: g.allow, deny: g.deny, matchAllRoles: g.roles === 'all', latestOnly: g.history === 'latest', search: search(g.search) };
  }
  if (p.observability) out.observability = observability(p.observability);
  return out;
}

/** The effective policies of a scope: its presets in order, then its own (each kind replaced whole). */
export function toPolicies(p: PoliciesOutput | undefined, c: GatewayConfigOutput): Policies {
  if (!p) return {};
  const layers = [...p.use.map((name) => c.presets[name]).filter((x) => x !== undefined), p];
  const merged: { -readonly [K in PolicyKind]?: Policies[K] } = {};
  for (const layer of layers) Object.assign(merged, own(layer, c));
  // Fixed key order keeps the model (and every golden built from it) stable.
  return Object.fromEntries(POLICY_KINDS.filter((k) => merged[k] !== undefined).map((k) => [k, merged[k]])) as Policies;
}

const FAILOVER: Record<string, readonly FailoverCriterion[]> = {
  error: ['error'],
  timeout: ['timeout'],
  invalid_header: ['invalid_header'],
  '5xx': ['http_500', 'http_502', 'http_503', 'http_504'],
};

export function toBalancer(b: BalancerOutput | undefined, models: readonly RouteModelOutput[]): Balancer {
  const failover = new Set<FailoverCriterion>();
  for (const f of b?.failover ?? ['error', 'timeout']) for (const c of FAILOVER[String(f)] ?? [`http_${f}` as FailoverCriterion]) failover.add(c);
  return {
    algorithm: b?.algorithm ?? 'round-robin',
    weights: Object.fromEntries(models.map((m) => (typeof m === 'string' ? [m, 100] : [m.model, m.weight]))),
    retries: b?.retries ?? 5,
    failover: [...failover],
    connectTimeoutMs: b?.connectTimeoutMs ?? 60_000,
    readTimeoutMs: b?.readTimeoutMs ?? 60_000,
    writeTimeoutMs: b?.writeTimeoutMs ?? 60_000,
    ...(b?.hashOnHeader !== undefined && { hashOnHeader: b.hashOnHeader }),
    latency: b?.latency ?? 'tpot',
    usage: b?.usage ?? 'total-tokens',
  };
}

export function toRedis(r: GatewayConfigOutput['redis']): RedisSettings | undefined {
  if (!r) return undefined;
  return {
    host: r.host,
    port: r.port,
    database: r.database,
    ...(r.username !== undefined && { username: r.username }),
    ...(r.password !== undefined && { password: toSecretRef(r.password) }),
    tls: r.tls,
  };
}
