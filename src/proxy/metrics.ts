/** Prometheus metrics of the proxy, in a registry of its own (two proxies in one process never
 * share counters). Names and labels sit next to Kong's in METRICS.md. */
import { Counter, Histogram, Registry } from 'prom-client';
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
}

export interface ProxyMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  record(r: RequestRecord): void;
  /** The exposition text for `GET /metrics`. */
  render(): Promise<string>;
}

type Summed = 'requests' | 'prompt' | 'completion' | 'total' | 'cost';

/** One label combination: counts not yet handed to prom-client, and its bound histogram. */
interface Series extends Record<Summed, number> {
  readonly labels: Record<Label, string>;
  readonly latency: Histogram.Internal<Label>;
}

export function createMetrics(): ProxyMetrics {
  // prom-client hashes the label values on every call, and a request would make six. The counters
  // are summed here instead and handed over when a scrape collects them; the histogram needs each
  // value, so it keeps one call per request.
  const series = new Map<string, Series>();
  const flush = (field: Summed, add: (s: Series, n: number) => void) => {
    for (const s of series.values()) {
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
  const latency = new Histogram({
    name: 'aigate_llm_provider_latency_ms',
    help: 'Time the provider took, from sending the request to the end of its reply, in milliseconds.',
    labelNames: LABELS,
    buckets: [...KONG_LATENCY_BUCKETS_MS],
    registers,
  });

  const seriesFor = (r: RequestRecord): Series => {
    const key = `${r.route}\u0000${r.consumer}\u0000${r.provider}\u0000${r.model}\u0000${r.status}`;
    let s = series.get(key);
    if (s === undefined) {
      const labels = { route: r.route, consumer: r.consumer, provider: r.provider, model: r.model, status: String(r.status) };
      s = { labels, latency: latency.labels(labels), requests: 0, prompt: 0, completion: 0, total: 0, cost: 0 };
      series.set(key, s);
    }
    return s;
  };

  return {
    registry,
    contentType: registry.contentType,
    record(r) {
      const s = seriesFor(r);
      s.requests++;
      if (r.upstreamMs !== undefined) s.latency.observe(r.upstreamMs);
      if (r.usage) {
        s.prompt += r.usage.prompt_tokens;
        s.completion += r.usage.completion_tokens;
        s.total += r.usage.total_tokens;
      }
      if (r.cost !== undefined) s.cost += r.cost;
    },
    render: () => registry.metrics(),
  };
}
