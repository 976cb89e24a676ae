/** Prometheus metrics of the proxy, in a registry of its own (two proxies in one process never
 * share counters). Names and labels sit next to Kong's in METRICS.md. */
import { Counter, Gauge, Registry } from 'prom-client';
import { BucketHistogram, type HistogramSeries } from './bucket-histogram.ts';
import type { Usage } from './translate/index.ts';

/** Kong's `kong_ai_llm_provider_latency_ms` buckets (FACTS §2.9). */
export const KONG_LATENCY_BUCKETS_MS = [250, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 10000, 30000, 60000] as const;

const LABELS = ['route', 'consumer', 'provider', 'model', 'status'] as const;
type Label = (typeof LABELS)[number];

/** What one finished request contributes. Empty strings stand for "none" (no route, anonymous). */
export interface RequestRecord {
  readonly route: string;
  readonly consumer: string;
  readonly provider: string;
  readonly model: string;
  readonly status: number;
  /** Upstream time, from sending the request to the last byte of the reply. */
  readonly upstreamMs?: number;
  /** Counted only when the route logs statistics, as Kong's AI metrics are. */
  readonly usage?: Usage;
  readonly cost?: number;
  /** `Hit`, `Miss`, `Bypass` or `Refresh`, when a cache policy applied. */
  readonly cacheStatus?: string;
  /** How the limits treated the request, when any applied. */
  readonly limit?: 'allowed' | 'rejected' | 'error';
  /** The limiter's headers, whose `X-AI-RateLimit-Remaining-*` values feed the remaining gauge. */
  readonly limitHeaders?: Readonly<Record<string, string>>;
}

export interface ProxyMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  record(r: RequestRecord): void;
  /** The exposition text for `GET /metrics`. */
  render(): Promise<string>;
}

type Summed = 'requests' | 'prompt' | 'completion' | 'total' | 'cost';

/** One label combination: counts not yet handed to prom-client, and its latency histogram series. */
interface Series extends Record<Summed, number> {
  readonly labels: Record<Label, string>;
  readonly latency: HistogramSeries;
}

/** One label's values, each leading to the next label's. The values are the configuration's own
 * strings, whose hashes V8 keeps, so finding a request's series builds no key string. */
type ByLabel<Next> = Map<string, Next>;

function level<Next extends Map<unknown, unknown>>(m: ByLabel<Next>, value: string): Next {
  let next = m.get(value);
  if (next === undefined) m.set(value, (next = new Map() as Next));
  return next;
}

export function createMetrics(): ProxyMetrics {
  // prom-client hashes the label values on every call, and a request would make six. The counters
  // are summed here instead and handed over when a scrape collects them; the latency histogram
  // counts its buckets here too (bucket-histogram.ts) and prom-client renders it.
  // Every series, for the flushes; found per request through `byLabels`.
  const series: Series[] = [];
  const byLabels: ByLabel<ByLabel<ByLabel<ByLabel<Map<number, Series>>>>> = new Map();
  const flush = (field: Summed, add: (s: Series, n: number) => void) => {
    for (const s of series) {
      const n = s[field];
      if (n === 0) continue;
      s[field] = 0;
      add(s, n);
    }
  };

  const registry = new Registry();
  const registers = [registry];
  const requests: Counter<Label> = new Counter({
    name: 'aigate_requests_total',
    help: 'Requests handled by the proxy, by outcome.',
    labelNames: LABELS,
    registers,
    collect: () => flush('requests', (s, n) => requests.inc(s.labels, n)),
  });
  const tokens: Counter<Label | 'token_type'> = new Counter({
    name: 'aigate_llm_tokens_total',
    help: 'Tokens reported by the provider (estimated as Kong does for streams without usage), per token type.',
    labelNames: [...LABELS, 'token_type'],
    registers,
    collect: () => {
      flush('prompt', (s, n) => tokens.inc({ ...s.labels, token_type: 'prompt_tokens' }, n));
      flush('completion', (s, n) => tokens.inc({ ...s.labels, token_type: 'completion_tokens' }, n));
      flush('total', (s, n) => tokens.inc({ ...s.labels, token_type: 'total_tokens' }, n));
    },
  });
  const cost: Counter<Label> = new Counter({
    name: 'aigate_llm_cost_total',
    help: 'Cost of the tokens, from the model prices per million tokens.',
    labelNames: LABELS,
    registers,
    collect: () => flush('cost', (s, n) => cost.inc(s.labels, n)),
  });
  const latency = new BucketHistogram(
    'aigate_llm_provider_latency_ms',
    'Time the provider took, from sending the request to the end of its reply, in milliseconds.',
    KONG_LATENCY_BUCKETS_MS,
    registry,
  );

  const policy = policyMetrics(registers);

  const seriesFor = (r: RequestRecord): Series => {
    const byStatus = level(level(level(level(byLabels, r.route), r.consumer), r.provider), r.model);
    let s = byStatus.get(r.status);
    if (s === undefined) {
      const labels = { route: r.route, consumer: r.consumer, provider: r.provider, model: r.model, status: String(r.status) };
      s = { labels, latency: latency.series(labels), requests: 0, prompt: 0, completion: 0, total: 0, cost: 0 };
      byStatus.set(r.status, s);
      series.push(s);
    }
    return s;
  };

  return {
    registry,
    contentType: registry.contentType,
    record(r) {
      const s = seriesFor(r);
      s.requests++;
      if (r.upstreamMs !== undefined) latency.observe(s.latency, r.upstreamMs);
      if (r.usage) {
        s.prompt += r.usage.prompt_tokens;
        s.completion += r.usage.completion_tokens;
        s.total += r.usage.total_tokens;
      }
      if (r.cost !== undefined) s.cost += r.cost;
      if (r.cacheStatus !== undefined || r.limit !== undefined) policy.record(r);
    },
    render: () => registry.metrics(),
  };
}

type PolicyLabel = 'route' | 'consumer';
const CACHE_STATUSES = ['Hit', 'Miss', 'Bypass', 'Refresh'] as const;
const REMAINING = 'X-AI-RateLimit-Remaining-';

/** Per route and consumer: cache lookups by status, limit rejections and store errors not yet
 * handed to prom-client, and the latest limiter headers (read for the gauge only when scraped). */
interface PolicySeries {
  readonly labels: Record<PolicyLabel, string>;
  readonly cache: Record<(typeof CACHE_STATUSES)[number], number>;
  rejected: number;
  errors: number;
  remaining: Readonly<Record<string, string>> | undefined;
}

/** The cache and limit series, batched like the request counters. */
function policyMetrics(registers: Registry[]): { record(r: RequestRecord): void } {
  // Every series for the collects, found per request by route, then consumer (no key string).
  const series: PolicySeries[] = [];
  const byRoute = new Map<string, Map<string, PolicySeries>>();
  const labelNames = ['route', 'consumer'] as const;
  const cache: Counter<PolicyLabel | 'cache_status'> = new Counter({
    name: 'aigate_cache_requests_total',
    help: 'Requests that looked up the response cache, by cache status (Hit, Miss, Bypass, Refresh).',
    labelNames: [...labelNames, 'cache_status'],
    registers,
    collect: () => {
      for (const s of series) {
        for (const status of CACHE_STATUSES) {
          const n = s.cache[status];
          if (n === 0) continue;
          s.cache[status] = 0;
          cache.inc({ ...s.labels, cache_status: status }, n);
        }
      }
    },
  });
  const rejections: Counter<PolicyLabel> = new Counter({
    name: 'aigate_limit_rejections_total',
    help: 'Requests refused with 429 by a request, token or cost limit.',
    labelNames,
    registers,
    collect: () => {
      for (const s of series) {
        if (s.rejected === 0) continue;
        rejections.inc(s.labels, s.rejected);
        s.rejected = 0;
      }
    },
  });
  const errors: Counter<PolicyLabel> = new Counter({
    name: 'aigate_limit_errors_total',
    help: 'Requests let through because the limit counters could not be reached (fail open).',
    labelNames,
    registers,
    collect: () => {
      for (const s of series) {
        if (s.errors === 0) continue;
        errors.inc(s.labels, s.errors);
        s.errors = 0;
      }
    },
  });
  const remaining: Gauge<PolicyLabel | 'limit'> = new Gauge({
    name: 'aigate_limit_remaining',
    help: 'What the latest request left of each limit, as its X-AI-RateLimit-Remaining-<limit> header said.',
    labelNames: [...labelNames, 'limit'],
    registers,
    collect: () => {
      for (const s of series) {
        if (s.remaining === undefined) continue;
        for (const [name, value] of Object.entries(s.remaining)) {
          if (name.startsWith(REMAINING)) remaining.set({ ...s.labels, limit: name.slice(REMAINING.length) }, Number(value));
        }
        s.remaining = undefined;
      }
    },
  });

  return {
    record(r) {
      let byConsumer = byRoute.get(r.route);
      if (byConsumer === undefined) byRoute.set(r.route, (byConsumer = new Map()));
      let s = byConsumer.get(r.consumer);
      if (s === undefined) {
        s = { labels: { route: r.route, consumer: r.consumer }, cache: { Hit: 0, Miss: 0, Bypass: 0, Refresh: 0 }, rejected: 0, errors: 0, remaining: undefined };
        byConsumer.set(r.consumer, s);
        series.push(s);
      }
      const status = r.cacheStatus as keyof PolicySeries['cache'] | undefined;
      if (status !== undefined && status in s.cache) s.cache[status]++;
      if (r.limit === 'rejected') s.rejected++;
      else if (r.limit === 'error') s.errors++;
      if (r.limitHeaders !== undefined) s.remaining = r.limitHeaders;
    },
  };
}
