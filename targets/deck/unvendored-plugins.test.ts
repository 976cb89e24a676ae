/** The plugins aigate writes without a vendored schema (rate-limiting, statsd, datadog, zipkin and
 * the log plugins): what the Kong layer emits uses only the field names Kong documents for them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { datadogPlugin, statsdPlugin, zipkinPlugin } from '../../src/emit/kong/plugins/exporters.ts';
import { logPlugins } from '../../src/emit/kong/plugins/logs.ts';
import { checkPlugin } from './schema-check.ts';
import { UNVENDORED_PLUGINS, unvendoredProblems } from './unvendored-plugins.ts';

describe('unvendored plugin field names', () => {
  it('GIVEN the exporters and log plugins WHEN built THEN every field is one Kong documents, on both versions', () => {
    // GIVEN / WHEN
    const plugins = [
      statsdPlugin({ host: 's', port: 8125, prefix: 'kong' }),
      zipkinPlugin({ endpoint: 'http://z', sampleRatio: 0.5 }),
      datadogPlugin({ host: 'd', port: 8125, prefix: 'kong' }),
      ...logPlugins({ http: 'http://l', file: '/tmp/a.log', tcp: { host: 't', port: 1 }, payloads: false }),
    ];
    // THEN
    assert.deepEqual(plugins.map((p) => p.name), ['statsd', 'zipkin', 'datadog', 'http-log', 'file-log', 'tcp-log']);
    assert.deepEqual(
      plugins.map((p) => [p.name, Object.keys(p.config)]),
      [
        ['statsd', ['host', 'port', 'prefix']],
        ['zipkin', ['http_endpoint', 'sample_ratio']],
        ['datadog', ['host', 'port', 'prefix']],
        ['http-log', ['http_endpoint']],
        ['file-log', ['path']],
        ['tcp-log', ['host', 'port']],
      ],
    );
    for (const v of ['3.15', '3.10'] as const) for (const p of plugins) assert.deepEqual(checkPlugin(p as never, v), [], `${p.name} ${v}`);
  });

  it('GIVEN a misspelt field, a missing required one and an unknown redis field WHEN checked THEN each is a problem', () => {
    assert.deepEqual(unvendoredProblems('zipkin', { http_endpoint: 'x', sample_rate: 1 }), [['/config', 'unknown field "sample_rate"']]);
    assert.deepEqual(unvendoredProblems('http-log', {}), [['/config', 'missing field "http_endpoint"']]);
    assert.deepEqual(unvendoredProblems('rate-limiting', { minute: 1, redis: { hostname: 'r' } }), [['/config/redis', 'unknown field "hostname"']]);
    assert.equal(unvendoredProblems('cors', {}), undefined);
  });

  it('GIVEN the table WHEN listed THEN it holds exactly the seven plugins without a vendored schema', () => {
    assert.deepEqual(Object.keys(UNVENDORED_PLUGINS).sort(), ['datadog', 'file-log', 'http-log', 'rate-limiting', 'statsd', 'tcp-log', 'zipkin']);
  });
});
