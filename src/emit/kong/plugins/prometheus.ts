/** Observability's prometheus as Kong's prometheus plugin, AI metrics always on. */
import type { ObservabilityPolicy } from '../../../model/index.ts';
import type { KongPlugin } from '../plugin-types.ts';

export interface PrometheusConfig {
  readonly ai_metrics: true;
  readonly per_consumer: boolean;
  readonly status_code_metrics: boolean;
  readonly latency_metrics: boolean;
  readonly bandwidth_metrics: boolean;
}

export function prometheusPlugin(p: NonNullable<ObservabilityPolicy['prometheus']>): KongPlugin<PrometheusConfig> {
  return {
    name: 'prometheus',
    config: {
      // Token, cost and LLM latency metrics: the reason an AI gateway exports metrics at all.
      ai_metrics: true,
      per_consumer: p.perConsumer,
      status_code_metrics: p.statusCodes,
      latency_metrics: p.latency,
      bandwidth_metrics: p.bandwidth,
    },
  };
}
