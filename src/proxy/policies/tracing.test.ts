import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Provider } from '../../model/index.ts';
import { GENAI_SEMCONV_VERSION } from './semconv.ts';
import { createTracing, genAiProviderName, parentContext } from './tracing.ts';

const openai: Provider = { kind: 'openai', name: 'openai', allowAuthOverride: false };
const anthropic: Provider = { kind: 'anthropic', name: 'claude', allowAuthOverride: false, anthropicVersion: '2023-06-01' };
const body = { model: 'smart', messages: [{ role: 'user', content: 'hi' }], max_tokens: 256, temperature: 0.3, stream: false };

/** One request that fails over: OpenAI answers 503, Anthropic answers. */
function failoverRequest(tracing: ReturnType<typeof createTracing>, traceparent?: string) {
  const req = tracing.startRequest({ routeType: 'chat', route: 'chat', consumer: 'alice', body, ...(traceparent && { traceparent }) });
  const first = req.startAttempt({ provider: openai, model: 'gpt-4o', attempt: 0, url: 'https://api.openai.com/v1/chat/completions' });
  first.end({ status: 503, errorType: '503' });
  const second = req.startAttempt({ provider: anthropic, model: 'claude-sonnet-4', attempt: 1, url: 'http://127.0.0.1:8080/v1/messages' });
  const usage = { prompt_tokens: 12, completion_tokens: 34 };
  second.end({ status: 200, responseModel: 'claude-sonnet-4-20250514', usage, finishReasons: ['stop'] });
  req.end({ status: 200, provider: anthropic, responseModel: 'claude-sonnet-4-20250514', usage, cost: 0.00054, cacheStatus: 'Miss' });
  return { req, first, second };
}

describe('tracing (in-memory exporter)', () => {
  it('GIVEN a request that fails over THEN a SERVER span with one CLIENT child per attempt and GenAI attributes', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'aigate-test', sampleRate: 1, exporter });
    failoverRequest(tracing);
    await tracing.forceFlush();
    const spans = exporter.getFinishedSpans();
    assert.deepEqual(
      spans.map((s) => s.name),
      ['chat gpt-4o', 'chat claude-sonnet-4', 'chat smart'],
    );
    const [first, second, request] = spans as [(typeof spans)[0], (typeof spans)[0], (typeof spans)[0]];
    assert.equal(request.kind, SpanKind.SERVER);
    assert.equal(first.kind, SpanKind.CLIENT);
    assert.equal(first.parentSpanContext?.spanId, request.spanContext().spanId);
    assert.equal(second.spanContext().traceId, request.spanContext().traceId);

    assert.deepEqual(first.attributes, {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.stream': false,
      'aigate.attempt': 0,
      'server.address': 'api.openai.com',
      'server.port': 443,
      'http.response.status_code': 503,
      'error.type': '503',
    });
    assert.equal(first.status.code, SpanStatusCode.ERROR);
    assert.equal(second.attributes['gen_ai.provider.name'], 'anthropic');
    assert.equal(second.attributes['gen_ai.response.model'], 'claude-sonnet-4-20250514');
    assert.equal(second.attributes['gen_ai.usage.input_tokens'], 12);
    assert.equal(second.attributes['gen_ai.usage.output_tokens'], 34);
    assert.deepEqual(second.attributes['gen_ai.response.finish_reasons'], ['stop']);
    assert.equal(second.attributes['server.port'], 8080);

    assert.equal(request.attributes['gen_ai.request.model'], 'smart');
    assert.equal(request.attributes['gen_ai.provider.name'], 'anthropic');
    assert.equal(request.attributes['aigate.gen_ai.llm.cost'], 0.00054);
    assert.equal(request.attributes['aigate.gen_ai.cache.status'], 'Miss');
    assert.equal(request.attributes['aigate.route'], 'chat');
    assert.equal(request.attributes['aigate.consumer'], 'alice');
    assert.equal(request.resource.attributes['service.name'], 'aigate-test');
    assert.equal(request.instrumentationScope.schemaUrl, `https://opentelemetry.io/schemas/${GENAI_SEMCONV_VERSION}`);
    assert.equal(Object.keys(request.attributes).some((k) => k === 'gen_ai.system' || k.startsWith('gen_ai.usage.prompt')), false, 'no deprecated names');
    await tracing.shutdown();
  });

  it('GIVEN a client traceparent THEN the request continues that trace, and attempts hand a traceparent upstream', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'aigate-test', sampleRate: 0, exporter });
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const { first } = failoverRequest(tracing, parent);
    await tracing.forceFlush();
    const request = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER);
    assert.equal(request?.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c', 'a sampled parent is followed even at rate 0');
    assert.equal(request?.parentSpanContext?.spanId, 'b7ad6b7169203331');
    assert.match(first.traceparent, /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    await tracing.shutdown();
  });

  it('GIVEN sample rate 0 and no parent THEN nothing is exported; a malformed traceparent starts a new trace', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'aigate-test', sampleRate: 0, exporter });
    failoverRequest(tracing, 'garbage');
    await tracing.forceFlush();
    assert.equal(exporter.getFinishedSpans().length, 0);
    assert.equal(parentContext('00-00000000000000000000000000000000-b7ad6b7169203331-01'), parentContext(undefined));
    await tracing.shutdown();
  });

  it('maps every provider kind to a gen_ai.provider.name value', () => {
    assert.equal(genAiProviderName({ kind: 'bedrock', name: 'b', allowAuthOverride: false, region: 'us-east-1' }), 'aws.bedrock');
    assert.equal(genAiProviderName({ kind: 'azure', name: 'a', allowAuthOverride: false, azure: { instance: 'i', apiVersion: 'v' } }), 'azure.ai.openai');
    assert.equal(genAiProviderName({ kind: 'gemini', name: 'g', allowAuthOverride: false }), 'gcp.gemini');
    assert.equal(genAiProviderName({ kind: 'gemini', name: 'g', allowAuthOverride: false, vertex: { apiEndpoint: 'e', projectId: 'p', locationId: 'l' } }), 'gcp.vertex_ai');
    assert.equal(genAiProviderName({ kind: 'mistral', name: 'm', allowAuthOverride: false, format: 'openai' }), 'mistral_ai');
    assert.equal(genAiProviderName({ kind: 'openai-compatible', name: 'deepseek', allowAuthOverride: false }), 'openai');
  });
});

describe('tracing (OTLP/HTTP export)', () => {
  it('GIVEN an endpoint THEN the spans arrive as a POST to /v1/traces', async () => {
    const received: { method: string; url: string; contentType: string; body: string; auth: string }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.setEncoding('utf8').on('data', (c: string) => (data += c));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', contentType: String(req.headers['content-type']), body: data, auth: String(req.headers.authorization) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      const tracing = createTracing({ serviceName: 'aigate-otlp', sampleRate: 1, endpoint: `http://127.0.0.1:${port}/v1/traces`, headers: { authorization: 'Bearer t0ken' } });
      failoverRequest(tracing);
      await tracing.forceFlush();
      await tracing.shutdown();
      assert.equal(received.length >= 1, true);
      const post = received[0]!;
      assert.deepEqual([post.method, post.url, post.auth], ['POST', '/v1/traces', 'Bearer t0ken']);
      assert.match(post.contentType, /application\/json/);
      const names = received.flatMap((r) => [...r.body.matchAll(/"name":"([^"]+)"/g)].map((m) => m[1]));
      for (const n of ['chat smart', 'chat gpt-4o', 'chat claude-sonnet-4']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
      assert.match(post.body, /aigate-otlp/);
    } finally {
      server.close();
    }
  });
});
