import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import type { MockProviders } from './server.ts';
import { startMockProviders } from './server.ts';
import type { RecordedRequest } from './types.ts';

type J = Record<string, any>;

const say = (text: string, model = 'gpt-4o') => ({ model, messages: [{ role: 'user', content: text }] });

async function chat(mock: MockProviders, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; reply: J; headers: Record<string, unknown> }> {
  const res = await request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.statusCode, reply: (await res.body.json()) as J, headers: res.headers };
}

const contentOf = (r: J): string => r['choices'][0].message.content;

describe('mock providers server', () => {
  let mock: MockProviders;
  before(async () => {
    mock = await startMockProviders();
  });
  after(() => mock.close());
  beforeEach(() => mock.reset());

  it('listens on an ephemeral loopback port and says where', () => {
    assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(mock.url, `http://127.0.0.1:${mock.port}`);
    assert.equal(mock.urlFor('anthropic', 'completions'), `${mock.url}/anthropic/v1/complete`);
    assert.equal(mock.sdkBaseUrl('openai'), `${mock.url}/openai/v1`);
  });

  it('records what it received: method, path, query, headers, parsed body, provider, model, stream', async () => {
    // GIVEN an Azure chat request with a query and an api-key header
    const url = mock.urlFor('azure', 'chat', 'my-deployment', true);
    const before = Date.now();
    // WHEN it is sent
    const res = await request(url, { method: 'POST', body: JSON.stringify({ ...say('hi', 'gpt-4'), stream: true }), headers: { 'api-key': 'k1' } });
    await res.body.dump();
    // THEN the recording has all of it
    assert.equal(mock.received.length, 1);
    const r = mock.received[0] as RecordedRequest;
    assert.equal(r.seq > 0, true);
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/azure/openai/deployments/my-deployment/chat/completions');
    assert.deepEqual(r.query, { 'api-version': '2024-10-21' });
    assert.equal(r.headers['api-key'], 'k1');
    assert.deepEqual(r.body, { ...say('hi', 'gpt-4'), stream: true });
    assert.equal(r.provider, 'azure');
    assert.equal(r.dialect, 'openai-chat');
    assert.equal(r.model, 'gpt-4');
    assert.equal(r.stream, true);
    assert.ok(r.at >= before && r.at <= Date.now());
  });

  it('records non-JSON bodies as text and binary ones as bytes, and inflates gzip request bodies', async () => {
    await (await request(mock.urlFor('openai'), { method: 'POST', body: '{"broken":' })).body.dump();
    await (await request(mock.urlFor('openai'), { method: 'POST', body: Buffer.from([1, 2, 3]), headers: { 'content-type': 'application/octet-stream' } })).body.dump();
    const zipped = gzipSync(JSON.stringify(say('zipped')));
    await (await request(mock.urlFor('openai'), { method: 'POST', body: zipped, headers: { 'content-encoding': 'gzip' } })).body.dump();
    const [broken, bytes, inflated] = mock.received;
    assert.equal(broken?.body, '{"broken":');
    assert.deepEqual(bytes?.body, Buffer.from([1, 2, 3]));
    assert.deepEqual(inflated?.body, say('zipped'));
  });

  it('serves enqueued replies first in first out, then falls back to the echo', async () => {
    // GIVEN two enqueued replies
    mock.enqueue({ text: 'first' }, { text: 'second' });
    assert.equal(mock.queued, 2);
    // WHEN three requests arrive
    const a = await chat(mock, say('x'));
    const b = await chat(mock, say('y'));
    const c = await chat(mock, say('z'));
    // THEN they get the replies in order, and the third the echo
    assert.deepEqual([contentOf(a.reply), contentOf(b.reply), contentOf(c.reply)], ['first', 'second', 'echo: z']);
    assert.equal(mock.queued, 0);
  });

  it('replaces the reply entirely with body, keeping status and headers', async () => {
    mock.enqueue({ status: 201, headers: { 'X-Custom': 'v' }, body: { choices: [{ message: { content: 'canned' } }] } });
    const r = await chat(mock, say('x'));
    assert.equal(r.status, 201);
    assert.equal(r.headers['x-custom'], 'v');
    assert.deepEqual(r.reply, { choices: [{ message: { content: 'canned' } }] });
  });

  it('streams given events in the provider framing and adds OpenAI’s terminator', async () => {
    mock.enqueue({ stream: [{ data: { choices: [{ delta: { content: 'a' } }] } }, { data: { choices: [{ delta: { content: 'b' } }] } }] });
    const res = await request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify({ ...say('x'), stream: true }) });
    assert.equal(
      await res.body.text(),
      'data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: {"choices":[{"delta":{"content":"b"}}]}\n\ndata: [DONE]\n\n',
    );
  });

  it('overrides usage of a generated reply', async () => {
    mock.enqueue({ usage: { promptTokens: 1000, completionTokens: 7 } });
    const r = await chat(mock, say('x'));
    assert.deepEqual(r.reply['usage'], { prompt_tokens: 1000, completion_tokens: 7, total_tokens: 1007 });
  });

  it('onModel answers every request for that model until reset, below the queue', async () => {
    // GIVEN a sticky reply for one model and a queued one
    mock.onModel('gpt-4o-mini', { text: 'mini says hi' });
    mock.enqueue({ text: 'queued' });
    // WHEN requests for both models arrive
    const q = await chat(mock, say('x', 'gpt-4o-mini'));
    const m1 = await chat(mock, say('x', 'gpt-4o-mini'));
    const m2 = await chat(mock, say('x', 'gpt-4o-mini'));
    const other = await chat(mock, say('x', 'gpt-4o'));
    // THEN the queue wins once, then the model reply sticks, and other models echo
    assert.deepEqual([q, m1, m2, other].map((r) => contentOf(r.reply)), ['queued', 'mini says hi', 'mini says hi', 'echo: x']);
    // AND reset forgets it
    mock.reset();
    assert.equal(contentOf((await chat(mock, say('x', 'gpt-4o-mini'))).reply), 'echo: x');
  });

  it('onModel matches models named in the path (Gemini, Bedrock)', async () => {
    mock.onModel('gemini-1.5-flash', { status: 429 });
    const res = await request(mock.urlFor('gemini', 'chat', 'gemini-1.5-flash'), { method: 'POST', body: '{"contents":[]}' });
    assert.equal(res.statusCode, 429);
    await res.body.dump();
  });

  it('reset clears recordings and the queue; sequence numbers keep counting', async () => {
    await chat(mock, say('x'));
    const seq = mock.received[0]?.seq ?? 0;
    mock.enqueue({ text: 'never used' });
    mock.reset();
    assert.equal(mock.received.length, 0);
    assert.equal(mock.queued, 0);
    await chat(mock, say('y'));
    assert.ok((mock.received[0]?.seq ?? 0) > seq);
  });

  it('404s an unknown path in a JSON body that lists the endpoints, and records it', async () => {
    const res = await request(`${mock.url}/v2/nothing`, { method: 'POST', body: '{}' });
    assert.equal(res.statusCode, 404);
    const body = (await res.body.json()) as J;
    assert.match(body['error'].message, /no provider endpoint at POST \/v2\/nothing/);
    assert.ok((body['error'].endpoints as string[]).includes('anthropic: /anthropic/v1/messages'));
    assert.equal(mock.received[0]?.provider, undefined);
  });

  it('refuses GET on a provider endpoint and Azure without api-version, without eating the queue', async () => {
    mock.enqueue({ text: 'kept' });
    const get = await request(mock.urlFor('openai'), { method: 'GET' });
    assert.equal(get.statusCode, 405);
    await get.body.dump();
    const azure = await request(`${mock.url}/azure/openai/deployments/d/chat/completions`, { method: 'POST', body: '{}' });
    assert.equal(azure.statusCode, 400);
    assert.match(((await azure.body.json()) as J)['error'].message, /api-version/);
    assert.equal(mock.queued, 1);
  });

  it('reports the provider, path, model and sequence number it saw in x-mock-* response headers', async () => {
    const res = await request(mock.urlFor('bedrock', 'chat', 'anthropic.claude-3:0'), { method: 'POST', body: '{"messages":[]}' });
    await res.body.dump();
    assert.equal(res.headers['x-mock-provider'], 'bedrock');
    assert.equal(res.headers['x-mock-path'], '/bedrock/model/anthropic.claude-3%3A0/converse');
    assert.equal(res.headers['x-mock-model'], 'anthropic.claude-3:0');
    assert.equal(res.headers['x-mock-seq'], String(mock.received.at(-1)?.seq));
  });

  it('keeps connections alive', async () => {
    const res = await request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify(say('x')) });
    assert.equal(res.headers['connection'], 'keep-alive');
    await res.body.dump();
  });

  describe('control plane', () => {
    it('enqueues, reads recordings and resets over HTTP', async () => {
      // GIVEN a reply enqueued over HTTP
      const enq = await request(`${mock.url}/__mock/enqueue`, { method: 'POST', body: JSON.stringify([{ text: 'over http' }]) });
      assert.equal(enq.statusCode, 204);
      await enq.body.dump();
      // WHEN a provider request arrives
      assert.equal(contentOf((await chat(mock, say('x'))).reply), 'over http');
      // THEN the recordings are readable over HTTP, control calls excluded
      const rec = await request(`${mock.url}/__mock/received`);
      const list = (await rec.body.json()) as J[];
      assert.equal(list.length, 1);
      assert.equal(list[0]?.['path'], '/openai/v1/chat/completions');
      // AND reset clears them
      await (await request(`${mock.url}/__mock/reset`, { method: 'POST' })).body.dump();
      assert.equal(mock.received.length, 0);
    });

    it('registers a model reply over HTTP', async () => {
      await (await request(`${mock.url}/__mock/on-model`, { method: 'POST', body: JSON.stringify({ model: 'm1', reply: { text: 'from m1' } }) })).body.dump();
      assert.equal(contentOf((await chat(mock, say('x', 'm1'))).reply), 'from m1');
    });

    it('rejects a malformed reply with the field at fault', async () => {
      const res = await request(`${mock.url}/__mock/enqueue`, { method: 'POST', body: JSON.stringify({ status: 'soon' }) });
      assert.equal(res.statusCode, 400);
      assert.match(((await res.body.json()) as J)['error'], /body\.status/);
      assert.equal(mock.queued, 0);
    });
  });
});

describe('mock providers with requireAuth', () => {
  let mock: MockProviders;
  before(async () => {
    mock = await startMockProviders({ requireAuth: true, record: false });
  });
  after(() => mock.close());

  it('401s a request without the provider’s credential, in its error format', async () => {
    const res = await request(mock.urlFor('anthropic'), { method: 'POST', body: '{}' });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(await res.body.json(), { type: 'error', error: { type: 'authentication_error', message: 'aigate mock: missing x-api-key header' } });
  });

  it('accepts it where the provider expects it', async () => {
    const res = await request(mock.urlFor('gemini', 'chat', 'g') + '?key=abc', { method: 'POST', body: '{"contents":[]}' });
    assert.equal(res.statusCode, 200);
    await res.body.dump();
    const bedrock = await request(mock.urlFor('bedrock', 'chat', 'b'), { method: 'POST', body: '{}', headers: { authorization: 'Bearer x' } });
    assert.equal(bedrock.statusCode, 401);
    await bedrock.body.dump();
  });

  it('records nothing when record is off', () => {
    assert.equal(mock.received.length, 0);
  });
});

describe('mock providers with maxRecords', () => {
  let mock: MockProviders;
  before(async () => {
    mock = await startMockProviders({ maxRecords: 4 });
  });
  after(() => mock.close());

  it('drops the oldest half when full, so a long run stays bounded', async () => {
    for (let i = 1; i <= 5; i++) await chat(mock, say(`n${i}`));
    assert.deepEqual(
      mock.received.map((r) => (r.body as J)['messages'][0].content),
      ['n3', 'n4', 'n5'],
    );
  });
});
