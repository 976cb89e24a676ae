/** Observability's logs as Kong's http-log, file-log and tcp-log plugins; the AI plugins add token
 * statistics (and, with `payloads`, bodies) to what these write. Schemas not vendored, see
 * targets/deck/unvendored-plugins.ts. */
import type { ObservabilityPolicy } from '../../../model/index.ts';
import type { KongPlugin } from '../plugin-types.ts';

export function logPlugins(l: NonNullable<ObservabilityPolicy['logs']>): KongPlugin[] {
  const out: KongPlugin[] = [];
  if (l.http !== undefined) out.push({ name: 'http-log', config: { http_endpoint: l.http } });
  if (l.file !== undefined) out.push({ name: 'file-log', config: { path: l.file } });
  if (l.tcp !== undefined) out.push({ name: 'tcp-log', config: { host: l.tcp.host, port: l.tcp.port } });
  return out;
}
