import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { MockInputError, loadCassette, loadCassettes, replyFromFile } from './cassette.ts';
import type { MockProviders } from './server.ts';
import { startMockProviders } from './server.ts';
import { parseSse } from './test-helpers.ts';

type J = Record<string, any>;

const RATE_LIMITED_YAML = `
request:
  provider: openai
  model: gpt-limited
response:
  status: 429
  headers:
    x-ratelimit-remaining-requests: "0"
  body:
    error: { message: "Rate limit reached", type: requests, code: rate_limit_exceeded }
`;

const ANTHROPIC_STREAM_YAML = `
name: anthropic-hello
request: { provider: anthropic, stream: true }
response:
  stream:
    - event: message_start
      data: { type: message_start, message: { usage: { input_tokens: 3, output_tokens: 1 } } }
    - event: content_block_delta
      data: { type: content_block_delta, index: 0, delta: { type: text_delta, text: Hello } }
    - event: message_stop
      data: { type: message_stop }
`;

/** Kong's recorded OpenAI reply (`real-responses/openai/llm-v1-chat.json`), abridged. */
const RECORDED_BODY = `{
  "choices": [{ "finish_reason": "stop", "index": 0, "message": { "content": "Dividing by zero is undefined.", "role": "assistant" } }],
  "created": 1702325640, "id": "chatcmpl-8Ugx63a79wKACVkaBbKnR2C2HPcxT", "model": "gpt-4-0613", "object": "chat.completion",
  "usage": { "completion_tokens": 139, "prompt_tokens": 130, "total_tokens": 269 }
}`;

describe('cassettes', () => {
  let dir: string;
  let mock: MockProviders;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aigate-mock-'));
    await writeFile(join(dir, 'rate-limited.yaml'), RATE_LIMITED_YAML);
    await writeFile(join(dir, 'anthropic.yml'), ANTHROPIC_STREAM_YAML);
    await writeFile(join(dir, 'kong-openai.json'), JSON.stringify({ request: { path: '/openai/*', model: 'gpt-4' }, response: { body: RECORDED_BODY } }));
    await writeFile(join(dir, 'notes.txt'), 'not a cassette');
    mock = await startMockProviders({ cassettes: await loadCassettes(dir) });
  });
  after(async () => {
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every cassette file in a directory, in name order, named after the file unless they say otherwise', async () => {
    const all = await loadCassettes(dir);
    assert.deepEqual(
      all.map((c) => c.name),
      ['anthropic-hello', 'kong-openai', 'rate-limited'],
    );
  });

  it('replays the cassette whose request matches, and only for matching requests', async () => {
    // GIVEN the rate-limited cassette (model gpt-limited)
    // WHEN a request for that model arrives
    const limited = await request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify({ model: 'gpt-limited', messages: [] }) });
    // THEN it gets the recorded 429 with its headers
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['x-ratelimit-remaining-requests'], '0');
    assert.equal(((await limited.body.json()) as J)['error'].code, 'rate_limit_exceeded');
    // AND another model still gets the echo
    const other = await request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }) });
    assert.equal(((await other.body.json()) as J)['choices'][0].message.content, 'echo: hi');
  });

  it('replays a recorded body byte for byte', async () => {
    const res = await request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify({ model: 'gpt-4', messages: [] }) });
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(await res.body.text(), RECORDED_BODY);
  });

  it('replays recorded stream events in the provider framing', async () => {
    const res = await request(mock.urlFor('anthropic'), { method: 'POST', body: JSON.stringify({ model: 'c', stream: true, messages: [] }) });
    const events = parseSse(await res.body.text());
    assert.deepEqual(events.map((e) => e.event), ['message_start', 'content_block_delta', 'message_stop']);
    assert.equal((JSON.parse(events[1]?.data ?? '') as J)['delta'].text, 'Hello');
  });

  it('plays a cassette chosen by the x-mock-cassette header, whatever the request', async () => {
    const res = await request(mock.urlFor('openai'), { method: 'POST', body: '{"model":"x"}', headers: { 'x-mock-cassette': 'rate-limited' } });
    assert.equal(res.statusCode, 429);
    await res.body.dump();
    const unknown = await request(mock.urlFor('openai'), { method: 'POST', body: '{}', headers: { 'x-mock-cassette': 'nope' } });
    assert.equal(unknown.statusCode, 400);
    await unknown.body.dump();
  });

  it('keeps start-up cassettes across reset, but forgets added ones', async () => {
    const added = await loadCassette(join(dir, 'rate-limited.yaml'));
    mock.addCassettes({ ...added, name: 'added', request: { model: 'only-added' } });
    mock.reset();
    const res = await request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify({ model: 'gpt-limited' }) });
    assert.equal(res.statusCode, 429);
    await res.body.dump();
    const gone = await request(mock.urlFor('openai'), { method: 'POST', body: JSON.stringify({ model: 'only-added' }) });
    assert.equal(gone.statusCode, 200);
    await gone.body.dump();
  });

  it('enqueue accepts a cassette, and a recorded body file as a reply', async () => {
    const file = join(dir, 'recorded.json');
    await writeFile(file, RECORDED_BODY);
    mock.enqueue(await replyFromFile(file), await loadCassette(join(dir, 'rate-limited.yaml')));
    const first = await request(mock.urlFor('cohere'), { method: 'POST', body: '{}' });
    assert.equal(await first.body.text(), RECORDED_BODY);
    const second = await request(mock.urlFor('cohere'), { method: 'POST', body: '{}' });
    assert.equal(second.statusCode, 429);
    await second.body.dump();
  });

  it('names the file and the field when a cassette is malformed, keeping the parser error as cause', async () => {
    const bad = join(dir, 'bad.yaml.txt');
    await writeFile(bad, 'response:\n  status: 99\n');
    await assert.rejects(loadCassette(bad), (e: Error) => e instanceof MockInputError && e.message === `${bad}.response.status: expected an integer ≥ 100, got 99`);
    await writeFile(bad, 'response: { bodyy: 1 }');
    await assert.rejects(loadCassette(bad), /response\.bodyy: unknown field/);
    await writeFile(bad, '{ "choices": [] }');
    await assert.rejects(loadCassette(bad), /not a cassette \(no `response`\)/);
    const broken = join(dir, 'broken.json.bak');
    await writeFile(broken, 'response: [');
    await assert.rejects(loadCassette(broken), (e: Error) => e.message.startsWith(`${broken}: not valid YAML`) && e.cause !== undefined);
  });
});
