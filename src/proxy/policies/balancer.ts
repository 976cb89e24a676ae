/** Picks which of a route's models serves a request, and in which order the others are tried when
 * it fails (ai-proxy-advanced's balancer, FACTS §1.3 and §2.11). Deterministic: the same sequence
 * of calls gives the same picks, so `aigate test` can assert on them. One balancer per route, kept
 * for the life of a loaded bundle. */
import type { Balancer, BalancerAlgorithm } from '../../model/index.ts';
import { createHashRing, DEFAULT_SLOTS } from './hash-ring.ts';
import { headerValue, type HeaderBag } from './json.ts';
import type { TokenUsage } from './usage.ts';

export interface PickContext {
  /** The client's headers, for `consistent-hashing`. */
  readonly headers?: HeaderBag;
}

/** What one upstream attempt cost, reported when it ends. */
export interface AttemptReport {
  readonly latencyMs: number;
  readonly tokens?: TokenUsage;
  readonly cost?: number;
  readonly ok: boolean;
}

export interface TargetStats {
  readonly weight: number;
  readonly inFlight: number;
  readonly requests: number;
  readonly failures: number;
  /** Peak-EWMA of latency (ms for `e2e`, ms per output token for `tpot`); undefined until measured. */
  readonly latency: number | undefined;
  /** Accumulated usage in the balancer's `usage` unit (tokens or cost). */
  readonly usage: number;
}

export interface ModelBalancer {
  readonly algorithm: BalancerAlgorithm;
  /** Model names to try in order: the first choice, then fallbacks; distinct, at most `1 + retries`. */
  pick(ctx?: PickContext): readonly string[];
  /** An attempt on `model` began / ended (least-connections and lowest-usage count these). */
  start(model: string): void;
  finish(model: string): void;
  report(model: string, report: AttemptReport): void;
  stats(): ReadonlyMap<string, TargetStats>;
}

export interface BalancerOptions {
  /** Ring density for consistent-hashing (Kong's `slots`, default 10000): a weight-100 model gets
   * slots/100 points. */
  readonly slots?: number;
  /** lowest-latency sends every Nth request to the model that has waited longest for traffic, so a
   * model that was slow once gets measured again (default 10). */
  readonly exploreEvery?: number;
}

/** Kong's default `hash_on_header`. */
const DEFAULT_HASH_HEADER = 'X-Kong-LLM-Request-ID';
// Peak-EWMA: a slower sample is taken at once, faster ones pull the average down by this share.
const EWMA_DECAY = 0.3;

interface Target {
  readonly model: string;
  readonly index: number;
  readonly weight: number;
  inFlight: number;
  requests: number;
  failures: number;
  latency: number | undefined;
  usage: number;
  /** Smooth weighted round-robin's running weight. */
  current: number;
  /** Sequence number of the last pick that chose this model first. */
  lastPicked: number;
}

export function createBalancer(config: Balancer, models: readonly string[], options: BalancerOptions = {}): ModelBalancer {
  const names = [...new Set(models)];
  const targets = names.map((model, index): Target => ({
    model,
    index,
    weight: config.weights[model] ?? 100,
    inFlight: 0,
    requests: 0,
    failures: 0,
    latency: undefined,
    usage: 0,
    current: 0,
    lastPicked: -1,
  }));
  const byName = new Map(targets.map((t) => [t.model, t]));
  const totalWeight = targets.reduce((s, t) => s + t.weight, 0);
  const ring = config.algorithm === 'consistent-hashing' ? createHashRing(names, config.weights, options.slots ?? DEFAULT_SLOTS) : undefined;
  const exploreEvery = Math.max(2, options.exploreEvery ?? 10);
  let seq = 0;

  /** Ascending by score; ties rotate with the pick sequence so equal targets share the load. */
  const byScore = (score: (t: Target) => number, s: number): Target[] =>
    [...targets].sort((a, b) => score(a) - score(b) || rot(a, s) - rot(b, s));
  const rot = (t: Target, s: number) => (t.index - (s % targets.length) + targets.length) % targets.length;

  function smoothWeighted(): Target[] {
    // nginx's smooth weighted round-robin: spreads a 3:1 split as A A B A, not A A A B.
    for (const t of targets) t.current += t.weight;
    const best = targets.reduce((a, b) => (b.current > a.current ? b : a));
    best.current -= totalWeight;
    return [best, ...targets.filter((t) => t !== best).sort((a, b) => b.current - a.current || a.index - b.index)];
  }

  function priority(s: number): Target[] {
    // Kong groups targets by equal weight and tries the heaviest group first.
    const weights = [...new Set(targets.map((t) => t.weight))].sort((a, b) => b - a);
    return weights.flatMap((w) => {
      const group = targets.filter((t) => t.weight === w);
      const start = s % group.length;
      return [...group.slice(start), ...group.slice(0, start)];
    });
  }

  function lowestUsage(s: number): Target[] {
    const all = targets.reduce((a, t) => ({ usage: a.usage + t.usage, requests: a.requests + t.requests }), { usage: 0, requests: 0 });
    const fallbackAverage = all.requests > 0 && all.usage > 0 ? all.usage / all.requests : 1;
    // In-flight attempts have not reported yet; count them at their model's average so a burst of
    // concurrent requests does not all land on the same model.
    const projected = (t: Target) => t.usage + t.inFlight * (t.requests > 0 && t.usage > 0 ? t.usage / t.requests : fallbackAverage);
    return byScore((t) => projected(t) / t.weight, s);
  }

  function lowestLatency(s: number): Target[] {
    // Unmeasured models sort first, so each one is tried before any is preferred.
    const ranked = byScore((t) => (t.latency === undefined ? -1 : t.latency / t.weight), s);
    if (s % exploreEvery !== exploreEvery - 1 || ranked.length < 2) return ranked;
    // Never all traffic to one model: every Nth pick goes to the one that waited longest.
    const waited = ranked.slice(1).reduce((a, b) => (b.lastPicked < a.lastPicked ? b : a));
    return [waited, ...ranked.filter((t) => t !== waited)];
  }

  function order(ctx: PickContext | undefined, s: number): Target[] {
    switch (config.algorithm) {
      case 'round-robin':
        return smoothWeighted();
      case 'priority':
        return priority(s);
      case 'least-connections':
        return byScore((t) => (t.inFlight + 1) / t.weight, s);
      case 'lowest-usage':
        return lowestUsage(s);
      case 'lowest-latency':
        return lowestLatency(s);
      case 'consistent-hashing': {
        const key = headerValue(ctx?.headers, config.hashOnHeader ?? DEFAULT_HASH_HEADER);
        // Without the header there is nothing to hash; spread such requests by weight instead.
        if (key === undefined || ring === undefined) return smoothWeighted();
        return ring.walk(key).map((m) => byName.get(m)!);
      }
    }
  }

  const usageOf = (r: AttemptReport): number => {
    const prompt = r.tokens?.prompt_tokens ?? 0;
    const completion = r.tokens?.completion_tokens ?? 0;
    switch (config.usage) {
      case 'total-tokens':
        return prompt + completion;
      case 'prompt-tokens':
        return prompt;
      case 'completion-tokens':
        return completion;
      case 'cost':
        return r.cost ?? 0;
    }
  };

  return {
    algorithm: config.algorithm,
    pick(ctx) {
      if (targets.length === 0) return [];
      const s = seq++;
      const ordered = order(ctx, s);
      ordered[0]!.lastPicked = s;
      return ordered.slice(0, 1 + Math.max(0, config.retries)).map((t) => t.model);
    },
    start(model) {
      const t = byName.get(model);
      if (t) t.inFlight++;
    },
    finish(model) {
      const t = byName.get(model);
      if (t && t.inFlight > 0) t.inFlight--;
    },
    report(model, r) {
      const t = byName.get(model);
      if (!t) return;
      t.requests++;
      t.usage += usageOf(r);
      // tpot: time per output token; a reply without usage counts as one token.
      let sample = config.latency === 'tpot' ? r.latencyMs / Math.max(1, r.tokens?.completion_tokens ?? 1) : r.latencyMs;
      if (!r.ok) {
        t.failures++;
        // A failure is as bad as twice the slowest model seen, so traffic moves away from it.
        const worst = Math.max(0, ...targets.map((x) => x.latency ?? 0));
        sample = Math.max(sample, 2 * worst);
      }
      t.latency = t.latency === undefined || sample > t.latency ? sample : t.latency + EWMA_DECAY * (sample - t.latency);
    },
    stats() {
      return new Map(
        targets.map((t) => [t.model, { weight: t.weight, inFlight: t.inFlight, requests: t.requests, failures: t.failures, latency: t.latency, usage: t.usage }]),
      );
    },
  };
}
