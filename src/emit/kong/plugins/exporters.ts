/** Observability's statsd, zipkin and datadog as Kong's plugins of the same names. Their schemas
 * are not vendored; field names come from Kong's docs (targets/deck/unvendored-plugins.ts). */
import type { ObservabilityPolicy } from '../../../model/index.ts';
import type { KongPlugin } from '../plugin-types.ts';

export function statsdPlugin(s: NonNullable<ObservabilityPolicy['statsd']>): KongPlugin<{ host: string; port: number; prefix: string }> {
  return { name: 'statsd', config: { host: s.host, port: s.port, prefix: s.prefix } };
}

export function zipkinPlugin(z: NonNullable<ObservabilityPolicy['zipkin']>): KongPlugin<{ http_endpoint: string; sample_ratio: number }> {
  return { name: 'zipkin', config: { http_endpoint: z.endpoint, sample_ratio: z.sampleRatio } };
}

export function datadogPlugin(d: NonNullable<ObservabilityPolicy['datadog']>): KongPlugin<{ host: string; port: number; prefix: string }> {
  return { name: 'datadog', config: { host: d.host, port: d.port, prefix: d.prefix } };
}
