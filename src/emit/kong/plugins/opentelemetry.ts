/** Observability's opentelemetry as Kong's opentelemetry plugin: OTLP/HTTP endpoints for traces,
 * logs and (Kong 3.14+) AI metrics, with collector headers as vault references. */
import type { PathSegment } from '../../../diagnostics/index.ts';
import type { ObservabilityPolicy } from '../../../model/index.ts';
import type { KongContext } from '../context.ts';
import type { KongPlugin } from '../plugin-types.ts';
import { vaultReference } from '../secrets.ts';
import { firstVersionWith, kongHas } from '../versions.ts';

export interface OpentelemetryConfig {
  readonly traces_endpoint?: string;
  readonly logs_endpoint?: string;
  readonly metrics?: { readonly endpoint: string; readonly enable_ai_metrics: true };
  readonly sampling_rate?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly resource_attributes?: Readonly<Record<string, string>>;
}

export function opentelemetryPlugin(ctx: KongContext, o: NonNullable<ObservabilityPolicy['opentelemetry']>, at: readonly PathSegment[]): KongPlugin<OpentelemetryConfig> | undefined {
  if (o.traces === undefined && o.logs === undefined && o.metrics === undefined) {
    ctx.report('missing_required', at, 'OpenTelemetry needs a traces, logs or metrics endpoint', 'set traces, logs or metrics to the collector URL');
    return undefined;
  }
  let metrics: OpentelemetryConfig['metrics'];
  if (o.metrics !== undefined) {
    if (kongHas(ctx.version, 'opentelemetry.metrics')) metrics = { endpoint: o.metrics, enable_ai_metrics: true };
    else ctx.report('unsupported_by_target', [...at, 'metrics'], `Kong ${ctx.version} exports no AI metrics over OpenTelemetry`, `target Kong ${firstVersionWith('opentelemetry.metrics')} or later, or use prometheus`);
  }
  const headers: Record<string, string> = {};
  // Kong resolves vault references in header values (the field is referenceable), e.g. an API key.
  for (const [name, ref] of Object.entries(o.headers)) {
    const value = vaultReference(ctx, ref, [...at, 'headers', name]);
    if (value !== undefined) headers[name] = value;
  }
  return {
    name: 'opentelemetry',
    config: {
      traces_endpoint: o.traces,
      logs_endpoint: o.logs,
      metrics,
      sampling_rate: o.sampleRate,
      headers: Object.keys(headers).length > 0 ? headers : undefined,
      resource_attributes: Object.keys(o.resourceAttributes).length > 0 ? o.resourceAttributes : undefined,
    },
  };
}
