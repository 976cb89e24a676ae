import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import type { MockProviders } from './server.ts';
import { startMockProviders } from './server.ts';
import type { MockProviderRef } from './types.ts';
import { decodeEventStream, parseSse, readChunks } from './test-helpers.ts';

type J = Record<string, any>;

const CHAT = { model: 'gpt-4o', messages: [{ role: 'user', content: 'one two three four five six' }] };
const STREAM = { ...CHAT, stream: true };

/** Reads a body until it ends or breaks; says which. */
async function drain(body: AsyncIterable<Buffer>): Promise<{ text: string; error?: unknown }> {
  const parts: Buffer[] = [];
  try {
    for await (const c of body) parts.push(c);
    return { text: Buffer.concat(parts).toString() };
  } catch (error) {
    return { text: Buffer.concat(parts).toString(), error };
  }
}

describe('mock provider faults', () => {
  let mock: MockProviders;
  before(async () => {
    mock = await startMockProviders();
  });
  after(() => mock.close());
  beforeEach(() => mock.reset());

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  describe('error statuses use each provider’s error body', () => {
    const cases: [MockProviderRef, number, (b: J, h: Record<string, unknown>) => void][] = [
      ['openai', 429, (b) => assert.deepEqual(b['error'], { message: 'aigate mock: injected HTTP 429', type: 'requests', param: null, code: 'rate_limit_exceeded' })],
      ['openai', 500, (b) => assert.equal(b['error'].type, 'server_error')],
      ['azure', 503, (b) => assert.deepEqual(b, { error: { code: '503', message: 'aigate mock: injected HTTP 503' } })],
      [{ kind: 'mistral', format: 'openai' }, 429, (b) => assert.equal(b['object'], 'error')],
      ['anthropic', 429, (b) => assert.deepEqual(b, { type: 'error', error: { type: 'rate_limit_error', message: 'aigate mock: injected HTTP 429' } })],
      ['anthropic', 500, (b) => assert.equal(b['error'].type, 'api_error')],
      ['anthropic', 503, (b) => assert.equal(b['error'].type, 'overloaded_error')],
      ['cohere', 429, (b) => assert.deepEqual(b, { message: 'aigate mock: injected HTTP 429' })],
      ['ollama', 500, (b) => assert.deepEqual(b, { error: 'aigate mock: injected HTTP 500' })],
      ['llama2', 503, (b) => assert.equal(b['error_type'], 'overloaded')],
      ['gemini', 429, (b) => assert.deepEqual(b, { error: { code: 429, message: 'aigate mock: injected HTTP 429', status: 'RESOURCE_EXHAUSTED' } })],
      ['gemini', 503, (b) => assert.equal(b['error'].status, 'UNAVAILABLE')],
      ['bedrock', 429, (b, h) => {
        assert.deepEqual(b, { message: 'aigate mock: injected HTTP 429' });
        assert.match(String(h['x-amzn-errortype']), /^ThrottlingException:/);
      }],
      ['bedrock', 500, (_b, h) => assert.match(String(h['x-amzn-errortype']), /^InternalServerException:/)],
    ];
    for (const [ref, status, check] of cases) {
      const kind = typeof ref === 'string' ? ref : ref.kind;
      it(`${kind} ${status}`, async () => {
        // GIVEN an enqueued bare status
        mock.enqueue({ status });
        // WHEN a request arrives, even one asking for a stream
        const res = await post(mock.urlFor(ref, 'chat', 'm', true), { ...STREAM, model: 'm' });
        // THEN it gets that status, as JSON in the provider's error shape
        assert.equal(res.statusCode, status);
        assert.equal(res.headers['content-type'], 'application/json');
        if (status === 429 || status === 503) assert.equal(res.headers['retry-after'], '1');
        check((await res.body.json()) as J, res.headers);
      });
    }
  });

  it('delays the status line by delayMs', async () => {
    mock.enqueue({ delayMs: 150 });
    const t0 = performance.now();
    const res = await post(mock.urlFor('openai'), CHAT);
    assert.ok(performance.now() - t0 >= 140, 'answered too soon');
    assert.equal(res.statusCode, 200);
    await res.body.dump();
  });

  it('spaces stream chunks by chunkIntervalMs, each arriving on its own', async () => {
    // GIVEN a 40 ms interval
    mock.enqueue({ chunkIntervalMs: 40 });
    // WHEN a stream is read as it arrives
    const t0 = performance.now();
    const res = await post(mock.urlFor('openai'), STREAM);
    const chunks = await readChunks(res.body);
    const elapsed = performance.now() - t0;
    // THEN the events came in separate reads, over at least (events - 1) intervals
    const events = parseSse(Buffer.concat(chunks).toString());
    assert.equal(events.at(-1)?.data, '[DONE]');
    assert.ok(chunks.length >= events.length - 1, `${chunks.length} reads for ${events.length} events`);
    assert.ok(elapsed >= 40 * (events.length - 1) * 0.9, `elapsed ${elapsed}`);
  });

  it('cut-stream: destroys the socket after cutAfter events, with no terminator', async () => {
    // GIVEN a stream cut after 2 events
    mock.enqueue({ fault: 'cut-stream', cutAfter: 2 });
    // WHEN it is read to the end
    const res = await post(mock.urlFor('openai'), STREAM);
    assert.equal(res.statusCode, 200);
    const { text, error } = await drain(res.body);
    // THEN the client saw exactly 2 events, no [DONE], and a broken body
    assert.ok(error !== undefined, 'the body should end in an error');
    const events = parseSse(text);
    assert.equal(events.length, 2);
    assert.ok(!text.includes('[DONE]'));
  });

  it('cut-stream on a JSON reply: fewer bytes than Content-Length promised', async () => {
    mock.enqueue({ fault: 'cut-stream' });
    const res = await post(mock.urlFor('anthropic', 'chat', 'claude'), { model: 'claude', messages: CHAT.messages });
    const promised = Number(res.headers['content-length']);
    const { text, error } = await drain(res.body);
    assert.ok(error !== undefined);
    assert.ok(Buffer.byteLength(text) < promised);
  });

  it('malformed-chunk: one unparseable SSE event, the rest intact', async () => {
    mock.enqueue({ fault: 'malformed-chunk', cutAfter: 1 });
    const res = await post(mock.urlFor('openai'), STREAM);
    const events = parseSse(await res.body.text());
    const bad = events.filter((e) => {
      if (e.data === '[DONE]') return false;
      try {
        JSON.parse(e.data);
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(bad.length, 1);
    assert.equal(events.indexOf(bad[0] as (typeof events)[number]), 1);
    assert.equal(events.at(-1)?.data, '[DONE]');
  });

  it('malformed-chunk: a Bedrock frame with a bad CRC, a Gemini array that no longer parses, a truncated JSON body', async () => {
    mock.enqueue({ fault: 'malformed-chunk' }, { fault: 'malformed-chunk' }, { fault: 'malformed-chunk' });
    const bedrock = await post(mock.urlFor('bedrock', 'chat', 'm', true), { messages: [] });
    const frames = Buffer.from(await bedrock.body.arrayBuffer());
    assert.throws(() => decodeEventStream(frames), /CRC mismatch/);
    const gemini = await post(mock.urlFor('gemini', 'chat', 'm', true), { contents: [] });
    const array = await gemini.body.text();
    assert.throws(() => JSON.parse(array) as unknown);
    const plain = await post(mock.urlFor('cohere'), { message: 'hi' });
    assert.equal(plain.statusCode, 200);
    const truncated = await plain.body.text();
    assert.throws(() => JSON.parse(truncated) as unknown);
  });

  it('reset: the connection is reset before any response', async () => {
    mock.enqueue({ fault: 'reset' });
    await assert.rejects(post(mock.urlFor('openai'), CHAT), (err: NodeJS.ErrnoException) => {
      assert.ok(['ECONNRESET', 'UND_ERR_SOCKET'].includes(String(err.code)), String(err.code));
      return true;
    });
    // AND the request was still recorded
    assert.equal(mock.received.length, 1);
  });

  it('hang: never answers, so a client timeout fires', async () => {
    mock.enqueue({ fault: 'hang' });
    const t0 = performance.now();
    await assert.rejects(request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify(CHAT), signal: AbortSignal.timeout(150) }), {
      name: 'TimeoutError',
    });
    assert.ok(performance.now() - t0 >= 140);
    assert.equal(mock.received.length, 1);
  });

  it('gzip: a JSON body, compressed and labelled', async () => {
    mock.enqueue({ gzip: true });
    const res = await post(mock.urlFor('openai'), CHAT);
    assert.equal(res.headers['content-encoding'], 'gzip');
    const raw = Buffer.from(await res.body.arrayBuffer());
    assert.equal(Number(res.headers['content-length']), raw.length);
    const reply = JSON.parse(gunzipSync(raw).toString()) as J;
    assert.equal(reply['choices'][0].message.content, 'echo: one two three four five six');
  });

  it('gzip: an SSE stream, flushed per event so each decodes on arrival', async () => {
    mock.enqueue({ gzip: true, chunkIntervalMs: 10 });
    const res = await post(mock.urlFor('anthropic', 'chat', 'claude'), { model: 'claude', stream: true, messages: CHAT.messages });
    assert.equal(res.headers['content-encoding'], 'gzip');
    const chunks = await readChunks(res.body);
    // The first network chunk alone already inflates to the first event.
    const first = gunzipSync(chunks[0] as Buffer, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString();
    assert.match(first, /^event: message_start\n/);
    const events = parseSse(gunzipSync(Buffer.concat(chunks)).toString());
    assert.equal(events.at(-1)?.event, 'message_stop');
  });

  it('gzip: fetch decodes it transparently', async () => {
    mock.enqueue({ gzip: true });
    const res = await fetch(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify(STREAM) });
    const events = parseSse(await res.text());
    assert.equal(events.at(-1)?.data, '[DONE]');
  });

  describe('x-mock-* request headers', () => {
    it('x-mock-status gives the provider error', async () => {
      const res = await post(mock.urlFor('gemini', 'chat', 'gemini-pro'), { contents: [] }, { 'x-mock-status': '503' });
      assert.equal(res.statusCode, 503);
      assert.equal(((await res.body.json()) as J)['error'].status, 'UNAVAILABLE');
    });

    it('x-mock-fault + x-mock-cut-after cut a stream', async () => {
      const res = await post(mock.urlFor('openai'), STREAM, { 'x-mock-fault': 'cut-stream', 'x-mock-cut-after': '3' });
      const { text, error } = await drain(res.body);
      assert.ok(error !== undefined);
      assert.equal(parseSse(text).length, 3);
    });

    it('x-mock-delay-ms and x-mock-text override the enqueued reply’s fields, keeping the rest', async () => {
      mock.enqueue({ headers: { 'x-from-queue': 'yes' } });
      const t0 = performance.now();
      const res = await post(mock.urlFor('openai'), CHAT, { 'x-mock-delay-ms': '60', 'x-mock-text': 'Paris' });
      assert.ok(performance.now() - t0 >= 55);
      assert.equal(res.headers['x-from-queue'], 'yes');
      const reply = (await res.body.json()) as J;
      assert.equal(reply['choices'][0].message.content, 'Paris');
      assert.equal(reply['usage'].completion_tokens, 1);
    });

    it('x-mock-gzip: 1 compresses', async () => {
      const res = await post(mock.urlFor('openai'), CHAT, { 'x-mock-gzip': '1' });
      assert.equal(res.headers['content-encoding'], 'gzip');
      await res.body.dump();
    });

    it('a bad value is a 400 that names the header, and consumes no queued reply', async () => {
      mock.enqueue({ text: 'kept' });
      const res = await post(mock.urlFor('anthropic'), CHAT, { 'x-mock-fault': 'explode' });
      assert.equal(res.statusCode, 400);
      assert.match(((await res.body.json()) as J)['error'].message, /x-mock-fault must be one of/);
      assert.equal(mock.queued, 1);
    });
  });
});
