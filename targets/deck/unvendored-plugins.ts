/**
 * Field names of the plugins aigate writes whose schemas are not vendored (rate-limiting, statsd,
 * datadog, zipkin, http-log, file-log, tcp-log): the config fields that both Kong 3.10 and 3.15
 * accept, read off Kong's docs schemas (Kong/developer.konghq.com @
 * bc1cd74260f0bddb06dcf004c9c34b53bb870c1a, `app/_schemas/gateway/plugins/{3.10,3.15}/<Plugin>.json`,
 * the commit the vendored schemas come from). The schema check uses them where no schema exists:
 * an unknown or missing field is caught, a wrong type is not.
 */

export interface PluginFields {
  /** Config fields, each with the fields of its record when aigate writes one. */
  readonly fields: Readonly<Record<string, readonly string[] | true>>;
  readonly required: readonly string[];
}

const fields = (names: readonly string[], records: Record<string, readonly string[]> = {}): Record<string, readonly string[] | true> =>
  Object.fromEntries(names.map((n) => [n, records[n] ?? true]));

export const UNVENDORED_PLUGINS: Readonly<Record<string, PluginFields>> = {
  'rate-limiting': {
    fields: fields(
      ['second', 'minute', 'hour', 'day', 'month', 'year', 'limit_by', 'header_name', 'path', 'policy', 'fault_tolerant', 'hide_client_headers', 'error_code', 'error_message', 'sync_rate', 'redis'],
      { redis: ['host', 'port', 'database', 'username', 'password', 'ssl', 'ssl_verify', 'server_name', 'timeout'] },
    ),
    required: [],
  },
  statsd: {
    fields: fields(['host', 'port', 'prefix', 'metrics', 'allow_status_codes', 'udp_packet_size', 'use_tcp', 'hostname_in_prefix', 'consumer_identifier_default', 'service_identifier_default', 'workspace_identifier_default', 'tag_style', 'queue', 'queue_size', 'retry_count', 'flush_timeout']),
    required: [],
  },
  datadog: {
    fields: fields(['host', 'port', 'prefix', 'metrics', 'service_name_tag', 'status_tag', 'consumer_tag', 'queue', 'queue_size', 'retry_count', 'flush_timeout']),
    required: [],
  },
  zipkin: {
    fields: fields([
      'http_endpoint',
      'sample_ratio',
      'default_service_name',
      'include_credential',
      'traceid_byte_count',
      'header_type',
      'default_header_type',
      'tags_header',
      'static_tags',
      'http_span_name',
      'connect_timeout',
      'send_timeout',
      'read_timeout',
      'http_response_header_for_traceid',
      'phase_duration_flavor',
      'local_service_name',
      'propagation',
      'queue',
    ]),
    required: [],
  },
  'http-log': {
    fields: fields(['http_endpoint', 'method', 'content_type', 'timeout', 'keepalive', 'headers', 'custom_fields_by_lua', 'queue', 'queue_size', 'retry_count', 'flush_timeout']),
    required: ['http_endpoint'],
  },
  'file-log': { fields: fields(['path', 'reopen', 'custom_fields_by_lua']), required: ['path'] },
  'tcp-log': { fields: fields(['host', 'port', 'timeout', 'keepalive', 'tls', 'tls_sni', 'custom_fields_by_lua']), required: ['host', 'port'] },
};

/** Problems with one config against its field list: `[pointer suffix, message]` pairs. */
export function unvendoredProblems(plugin: string, config: unknown): [string, string][] | undefined {
  const known = UNVENDORED_PLUGINS[plugin];
  if (known === undefined) return undefined;
  const out: [string, string][] = [];
  const c = (config ?? {}) as Record<string, unknown>;
  for (const r of known.required) if (c[r] === undefined) out.push(['/config', `missing field "${r}"`]);
  for (const [k, v] of Object.entries(c)) {
    const allowed = known.fields[k];
    if (allowed === undefined) out.push(['/config', `unknown field "${k}"`]);
    else if (allowed !== true && v !== null && typeof v === 'object') {
      for (const sub of Object.keys(v)) if (!allowed.includes(sub)) out.push([`/config/${k}`, `unknown field "${sub}"`]);
    }
  }
  return out;
}
