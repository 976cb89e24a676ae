/** OpenTelemetry through HTTP: with a traces endpoint configured, each request exports a SERVER
 * span and each upstream attempt a CLIENT span (a failed-over request has two) to a loopback
 * OTLP/HTTP collector, with the GenAI semantic-convention attributes, and each attempt's
 * `traceparent` reaches the upstream. Without the policy, nothing is traced. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { MockProviders } from '../mock/index.ts';
import type { ReferenceProxy } from './index.ts';
import { post } from './testing/client.ts';
import { bundle, DEFAULT_BALANCER, model, route } from './testing/gateway.ts';
import { startMockedProxy } from '../../test/support/mocked-proxy.ts';

interface OtlpValue {
  readonly stringValue?: string;
  readonly intValue?: string | number;
  readonly doubleValue?: number;
  readonly boolValue?: boolean;
  readonly arrayValue?: { readonly values: readonly OtlpValue[] };
}
interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** 2 = SERVER, 3 = CLIENT */
  readonly kind: number;
  readonly attributes: readonly { readonly key: string; readonly value: OtlpValue }[];
}

const attr = (s: OtlpSpan, key: string): unknown => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  if (v === undefined) return undefined;
  if (v.intValue !== undefined) return Number(v.intValue);
  return v.stringValue ?? v.doubleValue ?? v.boolValue ?? v.arrayValue?.values.map((x) => x.stringValue);
};

describe('OpenTelemetry traces through the proxy', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  let collector: Server;
  const posts: { headers: Record<string, unknown>; body: unknown }[] = [];
  let spans: OtlpSpan[] = [];

  before(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const traces = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
    ({ mock, proxy } = await startMockedProxy({
      bundle: bundle({
        providers: [{ name: 'openai', kind: 'openai', allowAuthOverride: false }],
        models: [model('first', 'openai', { model: 'gpt-4o' }), model('second', 'openai', { model: 'gpt-4o-mini' })],
        routes: [
          route('traced', ['first', 'second'], {
            balancer: { ...DEFAULT_BALANCER, algorithm: 'priority', weights: { first: 100, second: 50 }, retries: 1, failover: ['error', 'timeout', 'http_500'] },
          }),
        ],
        policies: {
          observability: {
            opentelemetry: {
              traces,
              sampleRate: 1,
              headers: { 'x-collector-key': { kind: 'env', name: 'OTEL_TEST_KEY' } },
              resourceAttributes: { 'service.name': 'ai-gateway-test' },
            },
          },
        },
      }),
      env: { OTEL_TEST_KEY: 'collector-secret' },
      log: false,
    }));

    // One request that fails over (500 from the first model), one streamed, one with a parent trace.
    mock.enqueue({ status: 500 });
    assert.equal((await post(`${proxy.url}/traced`, { messages: [{ role: 'user', content: 'one two three' }], max_tokens: 64, temperature: 0.5 })).status, 200);
    assert.equal((await post(`${proxy.url}/traced`, { messages: [{ role: 'user', content: 'four five' }], stream: true })).status, 200);
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    assert.equal((await post(`${proxy.url}/traced`, { messages: [{ role: 'user', content: 'six' }] }, { headers: { traceparent: parent } })).status, 200);
    // Closing the proxy flushes its span processors.
    await proxy.close();
    spans = posts.flatMap((p) =>
      (p.body as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
    );
  });
  after(async () => {
    await proxy.close();
    await mock.close();
    collector.closeAllConnections();
    await new Promise<void>((r) => collector.close(() => r()));
  });

  it('exports over OTLP/HTTP with the configured headers and resource', () => {
    assert.ok(posts.length > 0);
    assert.equal(posts[0]?.headers['x-collector-key'], 'collector-secret');
    const resource = (posts[0]?.body as { resourceSpans: { resource: { attributes: OtlpSpan['attributes'] } }[] }).resourceSpans[0]?.resource;
    assert.equal(resource?.attributes.find((a) => a.key === 'service.name')?.value.stringValue, 'ai-gateway-test');
  });

  it('a SERVER span per request and a CLIENT span per upstream attempt', () => {
    const servers = spans.filter((s) => s.kind === 2);
    const clients = spans.filter((s) => s.kind === 3);
    assert.equal(servers.length, 3);
    assert.equal(clients.length, 4, 'the failed-over request made two attempts');
    const failedOver = servers[0] as OtlpSpan;
    const attempts = clients.filter((c) => c.parentSpanId === failedOver.spanId);
    assert.deepEqual(
      attempts.map((c) => [attr(c, 'aigate.attempt'), attr(c, 'gen_ai.request.model'), attr(c, 'http.response.status_code'), attr(c, 'error.type')]),
      [
        [0, 'gpt-4o', 500, '500'],
        [1, 'gpt-4o-mini', 200, undefined],
      ],
    );
  });

  it('with the GenAI semantic-convention attributes', () => {
    const server = spans.find((s) => s.kind === 2) as OtlpSpan;
    assert.equal(attr(server, 'gen_ai.operation.name'), 'chat');
    assert.equal(attr(server, 'gen_ai.provider.name'), 'openai');
    assert.equal(attr(server, 'gen_ai.request.max_tokens'), 64);
    assert.equal(attr(server, 'gen_ai.request.temperature'), 0.5);
    assert.equal(attr(server, 'gen_ai.usage.input_tokens'), 3);
    assert.equal(attr(server, 'gen_ai.usage.output_tokens'), 4);
    assert.equal(attr(server, 'http.response.status_code'), 200);
    assert.equal(attr(server, 'aigate.route'), 'traced');
    const client = spans.find((s) => s.kind === 3 && attr(s, 'http.response.status_code') === 200) as OtlpSpan;
    assert.equal(attr(client, 'gen_ai.provider.name'), 'openai');
    assert.equal(attr(client, 'server.address'), '127.0.0.1');
    assert.equal(attr(client, 'gen_ai.operation.name'), 'chat');
    const streamed = spans.find((s) => s.kind === 2 && attr(s, 'gen_ai.request.stream') === true);
    assert.ok(streamed, 'the streamed request says so');
  });

  it("sends each attempt's traceparent upstream, and continues a client's trace", () => {
    const clients = spans.filter((s) => s.kind === 3);
    const sent = mock.received.map((r) => r.headers.traceparent);
    assert.equal(sent.length, 4);
    for (const tp of sent) {
      const [, traceId, spanId] = String(tp).split('-');
      assert.ok(clients.some((c) => c.traceId === traceId && c.spanId === spanId), `no CLIENT span for ${tp}`);
    }
    const continued = spans.find((s) => s.kind === 2 && s.traceId === '0af7651916cd43dd8448eb211c80319c');
    assert.equal(continued?.parentSpanId, 'b7ad6b7169203331');
  });
});

describe('without a traces endpoint', () => {
  it('builds no tracer and sends no traceparent upstream', async () => {
    const { mock, proxy } = await startMockedProxy({
      bundle: bundle({ providers: [{ name: 'openai', kind: 'openai', allowAuthOverride: false }], models: [model('gpt-4o', 'openai')], routes: [route('plain', ['gpt-4o'])] }),
      log: false,
    });
    try {
      await post(`${proxy.url}/plain`, { messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(mock.received[0]?.headers.traceparent, undefined);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });
});
