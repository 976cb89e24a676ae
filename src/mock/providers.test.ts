import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import type { MockProviders } from './server.ts';
import { startMockProviders } from './server.ts';
import type { MockProviderRef } from './types.ts';
import { decodeEventStream, parseNdjson, parseSse } from './test-helpers.ts';

/** The same conversation in every provider's format: 13 prompt words, the last user turn is 4 words. */
const SYSTEM = 'You are terse.';
const HISTORY = [
  { role: 'user', content: 'What is 1 + 2?' },
  { role: 'assistant', content: '3' },
  { role: 'user', content: 'Multiply that by two' },
];
const ECHO = 'echo: Multiply that by two';
const OPENAI_MESSAGES = [{ role: 'system', content: SYSTEM }, ...HISTORY];

/** Replies are walked freely; each case asserts the shape it relies on. */
type J = Record<string, any>;

interface Seen {
  readonly text: string;
  readonly prompt: number;
  readonly completion: number;
}

interface Case {
  readonly name: string;
  readonly ref: MockProviderRef;
  readonly type: 'chat' | 'completions';
  readonly model: string;
  /** Body of the non-streamed request; `stream(body)` is the streamed one. */
  readonly body: J;
  readonly stream: (body: J) => J;
  readonly promptWords: number;
  readonly json: (r: J) => Seen;
  readonly streamType: RegExp;
  readonly parseStream: (raw: Buffer) => Seen;
}

const withStream = (b: J): J => ({ ...b, stream: true });

function openaiStream(raw: Buffer, field: 'delta' | 'text'): Seen {
  const events = parseSse(raw.toString());
  // THEN the stream ends with the literal [DONE] event
  assert.equal(events.at(-1)?.data, '[DONE]');
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data) as J);
  const text = chunks.map((c) => (field === 'delta' ? (c['choices'][0]?.delta.content ?? '') : (c['choices'][0]?.text ?? ''))).join('');
  const finish = chunks.filter((c) => c['choices'][0]?.finish_reason === 'stop');
  assert.equal(finish.length, 1);
  const usage = chunks.at(-1)?.['usage'] as J;
  assert.deepEqual(chunks.at(-1)?.['choices'], []);
  return { text, prompt: usage['prompt_tokens'], completion: usage['completion_tokens'] };
}

const CASES: readonly Case[] = [
  {
    name: 'openai chat',
    ref: 'openai',
    type: 'chat',
    model: 'gpt-4o',
    body: { model: 'gpt-4o', messages: OPENAI_MESSAGES },
    stream: (b) => ({ ...b, stream: true, stream_options: { include_usage: true } }),
    promptWords: 13,
    json: (r) => {
      assert.equal(r['object'], 'chat.completion');
      assert.equal(r['choices'][0].finish_reason, 'stop');
      return { text: r['choices'][0].message.content, prompt: r['usage'].prompt_tokens, completion: r['usage'].completion_tokens };
    },
    streamType: /^text\/event-stream/,
    parseStream: (raw) => openaiStream(raw, 'delta'),
  },
  {
    name: 'openai completions',
    ref: 'openai',
    type: 'completions',
    model: 'gpt-3.5-turbo-instruct',
    body: { model: 'gpt-3.5-turbo-instruct', prompt: 'Multiply that by two' },
    stream: (b) => ({ ...b, stream: true, stream_options: { include_usage: true } }),
    promptWords: 4,
    json: (r) => {
      assert.equal(r['object'], 'text_completion');
      return { text: r['choices'][0].text, prompt: r['usage'].prompt_tokens, completion: r['usage'].completion_tokens };
    },
    streamType: /^text\/event-stream/,
    parseStream: (raw) => openaiStream(raw, 'text'),
  },
  {
    name: 'azure chat',
    ref: 'azure',
    type: 'chat',
    model: 'gpt-4',
    body: { model: 'gpt-4', messages: OPENAI_MESSAGES },
    stream: (b) => ({ ...b, stream: true, stream_options: { include_usage: true } }),
    promptWords: 13,
    json: (r) => ({ text: r['choices'][0].message.content, prompt: r['usage'].prompt_tokens, completion: r['usage'].completion_tokens }),
    streamType: /^text\/event-stream/,
    parseStream: (raw) => openaiStream(raw, 'delta'),
  },
  {
    name: 'mistral chat (openai format)',
    ref: { kind: 'mistral', format: 'openai' },
    type: 'chat',
    model: 'mistral-tiny',
    body: { model: 'mistral-tiny', messages: OPENAI_MESSAGES },
    stream: (b) => ({ ...b, stream: true, stream_options: { include_usage: true } }),
    promptWords: 13,
    json: (r) => ({ text: r['choices'][0].message.content, prompt: r['usage'].prompt_tokens, completion: r['usage'].completion_tokens }),
    streamType: /^text\/event-stream/,
    parseStream: (raw) => openaiStream(raw, 'delta'),
  },
  {
    name: 'anthropic messages',
    ref: 'anthropic',
    type: 'chat',
    model: 'claude-3-5-sonnet',
    body: { model: 'claude-3-5-sonnet', system: SYSTEM, messages: HISTORY, max_tokens: 64 },
    stream: withStream,
    promptWords: 13,
    json: (r) => {
      assert.equal(r['type'], 'message');
      assert.equal(r['stop_reason'], 'end_turn');
      return { text: r['content'][0].text, prompt: r['usage'].input_tokens, completion: r['usage'].output_tokens };
    },
    streamType: /^text\/event-stream/,
    parseStream: (raw) => {
      const events = parseSse(raw.toString());
      const names = events.map((e) => e.event);
      const deltas = names.filter((n) => n === 'content_block_delta').length;
      assert.ok(deltas >= 2);
      assert.deepEqual(names, [
        'message_start',
        'content_block_start',
        'ping',
        ...Array<string>(deltas).fill('content_block_delta'),
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
      const data = events.map((e) => JSON.parse(e.data) as J);
      // Every event's `type` repeats its SSE event name, as the SDKs rely on.
      assert.deepEqual(data.map((d) => d['type']), names);
      const text = data.filter((d) => d['type'] === 'content_block_delta').map((d) => d['delta'].text).join('');
      const start = data[0] as J;
      const delta = data.at(-2) as J;
      return { text, prompt: start['message'].usage.input_tokens, completion: delta['usage'].output_tokens };
    },
  },
  {
    name: 'anthropic complete',
    ref: 'anthropic',
    type: 'completions',
    model: 'claude-2.1',
    body: { model: 'claude-2.1', prompt: '\n\nHuman: Multiply that by two\n\nAssistant:', max_tokens_to_sample: 64 },
    stream: withStream,
    promptWords: 4,
    // The legacy API reports no usage; the word counts stand in so the table stays uniform.
    json: (r) => ({ text: r['completion'], prompt: 4, completion: 5 }),
    streamType: /^text\/event-stream/,
    parseStream: (raw) => {
      const events = parseSse(raw.toString());
      assert.ok(events.every((e) => e.event === 'completion'));
      const data = events.map((e) => JSON.parse(e.data) as J);
      assert.equal(data.at(-1)?.['stop_reason'], 'stop_sequence');
      return { text: data.map((d) => d['completion']).join(''), prompt: 4, completion: 5 };
    },
  },
  {
    name: 'cohere chat',
    ref: 'cohere',
    type: 'chat',
    model: 'command',
    body: {
      model: 'command',
      chat_history: [
        { role: 'USER', message: SYSTEM },
        { role: 'USER', message: 'What is 1 + 2?' },
        { role: 'CHATBOT', message: '3' },
      ],
      message: 'Multiply that by two',
    },
    stream: withStream,
    promptWords: 13,
    json: (r) => ({ text: r['text'], prompt: r['meta'].billed_units.input_tokens, completion: r['meta'].billed_units.output_tokens }),
    streamType: /^application\/stream\+json/,
    parseStream: (raw) => {
      const lines = parseNdjson(raw.toString()) as J[];
      const types = lines.map((l) => l['event_type']);
      assert.equal(types[0], 'stream-start');
      assert.equal(types.at(-1), 'stream-end');
      assert.ok(types.slice(1, -1).every((t) => t === 'text-generation'));
      const end = lines.at(-1) as J;
      assert.equal(end['is_finished'], true);
      const text = lines.filter((l) => l['event_type'] === 'text-generation').map((l) => l['text']).join('');
      return { text, prompt: end['response'].meta.billed_units.input_tokens, completion: end['response'].meta.billed_units.output_tokens };
    },
  },
  {
    name: 'cohere generate',
    ref: 'cohere',
    type: 'completions',
    model: 'command',
    body: { model: 'command', prompt: 'Multiply that by two' },
    stream: withStream,
    promptWords: 4,
    json: (r) => ({ text: r['generations'][0].text, prompt: r['meta'].billed_units.input_tokens, completion: r['meta'].billed_units.output_tokens }),
    streamType: /^application\/stream\+json/,
    parseStream: (raw) => {
      const lines = parseNdjson(raw.toString()) as J[];
      const end = lines.at(-1) as J;
      assert.equal(end['event_type'], 'stream-end');
      const text = lines.slice(0, -1).map((l) => l['text']).join('');
      return { text, prompt: end['response'].meta.billed_units.input_tokens, completion: end['response'].meta.billed_units.output_tokens };
    },
  },
  {
    name: 'ollama chat',
    ref: 'ollama',
    type: 'chat',
    model: 'llama3',
    // Ollama streams by default, so the plain request must say stream: false.
    body: { model: 'llama3', messages: OPENAI_MESSAGES, stream: false },
    stream: (b) => ({ model: b['model'], messages: b['messages'] }),
    promptWords: 13,
    json: (r) => {
      assert.equal(r['done'], true);
      return { text: r['message'].content, prompt: r['prompt_eval_count'], completion: r['eval_count'] };
    },
    streamType: /^application\/x-ndjson/,
    parseStream: (raw) => {
      const lines = parseNdjson(raw.toString()) as J[];
      const last = lines.at(-1) as J;
      assert.equal(last['done'], true);
      assert.ok(lines.slice(0, -1).every((l) => l['done'] === false));
      return { text: lines.map((l) => l['message'].content).join(''), prompt: last['prompt_eval_count'], completion: last['eval_count'] };
    },
  },
  {
    name: 'ollama generate (mistral in ollama format)',
    ref: { kind: 'mistral', format: 'ollama' },
    type: 'completions',
    model: 'mistral',
    body: { model: 'mistral', prompt: 'Multiply that by two', stream: false },
    stream: withStream,
    promptWords: 4,
    json: (r) => ({ text: r['response'], prompt: r['prompt_eval_count'], completion: r['eval_count'] }),
    streamType: /^application\/x-ndjson/,
    parseStream: (raw) => {
      const lines = parseNdjson(raw.toString()) as J[];
      const last = lines.at(-1) as J;
      return { text: lines.map((l) => l['response']).join(''), prompt: last['prompt_eval_count'], completion: last['eval_count'] };
    },
  },
  {
    name: 'llama2 raw',
    ref: { kind: 'llama2', format: 'raw' },
    type: 'chat',
    model: 'llama2',
    body: {
      inputs: '<s>[INST] <<SYS>> You are terse. <</SYS>> What is 1 + 2? [/INST] 3 <s>[INST] Multiply that by two [/INST]',
      parameters: { max_new_tokens: 64, stream: false },
    },
    stream: (b) => ({ ...b, parameters: { ...b['parameters'], stream: true } }),
    promptWords: 13,
    json: (r) => {
      // Kong reads data[0].generated_text and keeps what follows the last [/INST].
      const generated = r['data'][0].generated_text as string;
      const details = r['data'][0].details as J;
      return { text: generated.split('[/INST]').at(-1)?.trim() ?? '', prompt: details['prompt_tokens'], completion: details['generated_tokens'] };
    },
    streamType: /^text\/event-stream/,
    parseStream: (raw) => {
      const data = parseSse(raw.toString()).map((e) => JSON.parse(e.data) as J);
      const last = data.at(-1) as J;
      assert.equal(last['generated_text'], ECHO);
      return { text: data.map((d) => d['token'].text).join(''), prompt: last['details'].prompt_tokens, completion: last['details'].generated_tokens };
    },
  },
  {
    name: 'gemini',
    ref: 'gemini',
    type: 'chat',
    model: 'gemini-1.5-pro',
    body: {
      systemInstruction: { parts: [{ text: SYSTEM }] },
      contents: [
        { role: 'user', parts: [{ text: 'What is 1 + 2?' }] },
        { role: 'model', parts: [{ text: '3' }] },
        { role: 'user', parts: [{ text: 'Multiply that by two' }] },
      ],
    },
    stream: (b) => b,
    promptWords: 13,
    json: (r) => {
      assert.equal(r['candidates'][0].finishReason, 'STOP');
      return { text: r['candidates'][0].content.parts[0].text, prompt: r['usageMetadata'].promptTokenCount, completion: r['usageMetadata'].candidatesTokenCount };
    },
    streamType: /^application\/json/,
    parseStream: (raw) => {
      // The whole stream is one JSON array.
      const items = JSON.parse(raw.toString()) as J[];
      assert.ok(items.length >= 2);
      assert.ok(items.slice(0, -1).every((i) => i['usageMetadata'] === undefined));
      const last = items.at(-1) as J;
      return {
        text: items.map((i) => i['candidates'][0].content.parts[0].text).join(''),
        prompt: last['usageMetadata'].promptTokenCount,
        completion: last['usageMetadata'].candidatesTokenCount,
      };
    },
  },
  {
    name: 'bedrock converse',
    ref: 'bedrock',
    type: 'chat',
    model: 'anthropic.claude-3-haiku-20240307-v1:0',
    body: {
      system: [{ text: SYSTEM }],
      messages: HISTORY.map((m) => ({ role: m.role, content: [{ text: m.content }] })),
      inferenceConfig: { maxTokens: 64 },
    },
    stream: (b) => b,
    promptWords: 13,
    json: (r) => {
      assert.equal(r['stopReason'], 'end_turn');
      return { text: r['output'].message.content[0].text, prompt: r['usage'].inputTokens, completion: r['usage'].outputTokens };
    },
    streamType: /^application\/vnd\.amazon\.eventstream$/,
    parseStream: (raw) => {
      const frames = decodeEventStream(raw);
      const types = frames.map((f) => f.headers[':event-type']);
      const deltas = types.filter((t) => t === 'contentBlockDelta').length;
      assert.deepEqual(types, ['messageStart', ...Array<string>(deltas).fill('contentBlockDelta'), 'contentBlockStop', 'messageStop', 'metadata']);
      assert.ok(frames.every((f) => f.headers[':message-type'] === 'event' && f.headers[':content-type'] === 'application/json'));
      const payloads = frames.map((f) => JSON.parse(f.payload.toString()) as J);
      const meta = payloads.at(-1) as J;
      return {
        text: payloads.filter((_, i) => types[i] === 'contentBlockDelta').map((p) => p['delta'].text).join(''),
        prompt: meta['usage'].inputTokens,
        completion: meta['usage'].outputTokens,
      };
    },
  },
];

describe('mock providers speak each wire format', () => {
  let mock: MockProviders;
  before(async () => {
    mock = await startMockProviders();
  });
  after(() => mock.close());

  for (const c of CASES) {
    it(`${c.name}: JSON echo with word-count usage`, async () => {
      // GIVEN the conversation in this provider's request format
      // WHEN it is posted to the provider's mock endpoint
      const res = await request(mock.urlFor(c.ref, c.type, c.model), { method: 'POST', body: JSON.stringify(c.body), headers: { 'content-type': 'application/json' } });
      // THEN the reply is the provider's JSON, echoing the last user turn with usage counted in words
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const seen = c.json((await res.body.json()) as J);
      assert.deepEqual(seen, { text: ECHO, prompt: c.promptWords, completion: 5 });
    });

    it(`${c.name}: stream in the provider's event sequence`, async () => {
      // GIVEN the same conversation asking for a stream, the provider's way
      // WHEN it is posted to the streaming endpoint
      const res = await request(mock.urlFor(c.ref, c.type, c.model, true), { method: 'POST', body: JSON.stringify(c.stream(c.body)) });
      // THEN it is framed as this provider frames streams, and reassembles into the same echo and usage
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), c.streamType);
      assert.equal(res.headers['content-length'], undefined);
      const raw = Buffer.from(await res.body.arrayBuffer());
      assert.deepEqual(c.parseStream(raw), { text: ECHO, prompt: c.promptWords, completion: 5 });
    });
  }

  it('answers Gemini streams as SSE with ?alt=sse', async () => {
    const c = CASES.find((x) => x.name === 'gemini') as Case;
    const res = await request(`${mock.urlFor('gemini', 'chat', 'gemini-pro', true)}?alt=sse`, { method: 'POST', body: JSON.stringify(c.body) });
    assert.match(String(res.headers['content-type']), /^text\/event-stream/);
    const items = parseSse(await res.body.text()).map((e) => JSON.parse(e.data) as J);
    assert.equal(items.map((i) => i['candidates'][0].content.parts[0].text).join(''), ECHO);
  });

  it('omits the usage chunk from OpenAI streams unless include_usage is set', async () => {
    const res = await request(mock.urlFor('openai', 'chat', 'gpt-4o'), { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: HISTORY }) });
    const events = parseSse(await res.body.text());
    assert.equal(events.at(-1)?.data, '[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data) as J);
    assert.ok(chunks.every((ch) => !('usage' in ch) && ch['choices'].length === 1));
    assert.deepEqual(chunks[0]?.['choices'][0].delta, { role: 'assistant', content: '' });
  });

  it('is deterministic: the same request twice gives the same bytes but for the sequence number', async () => {
    const send = async () => {
      const res = await request(mock.urlFor('anthropic', 'chat', 'claude'), { method: 'POST', body: JSON.stringify({ model: 'claude', messages: HISTORY, stream: true }) });
      return (await res.body.text()).replace(/msg_mock_\d+/g, 'msg_mock_N');
    };
    assert.equal(await send(), await send());
  });
});
