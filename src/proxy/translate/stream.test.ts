/** The stream translator: Kong's real stream frames, and each provider's event mapping from
 * recorded (Kong fixture) or documented wire streams, split at awkward chunk boundaries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import type { Model, Provider, RouteType } from '../../model/index.ts';
import { createStreamTranslator, DONE_FRAME, ERROR_FRAME, type StreamTranslator } from './stream.ts';
import { fixtureBytes, fixtureText, fixturesMissing, model, provider } from './testing/kong-fixtures.ts';

/** Pushes `bytes` in pieces of `size`, then ends the stream; returns every frame sent. */
function run(t: StreamTranslator, bytes: Uint8Array, size = bytes.length): string[] {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...t.push(bytes.subarray(i, i + size)));
  return [...out, ...t.end()];
}

/** The JSON of each `data:` frame; `[DONE]` and the error chunk are returned as strings. */
function events(frames: readonly string[]): unknown[] {
  return frames.map((f) => {
    assert.ok(f.startsWith('data: ') && f.endsWith('\n\n'), `not an SSE frame: ${JSON.stringify(f)}`);
    const body = f.slice(6, -2);
    return body === '[DONE]' ? body : (JSON.parse(body) as unknown);
  });
}

function translator(p: Provider, m: Model, type: RouteType, contentType?: string): StreamTranslator {
  return createStreamTranslator(p, m, type, contentType);
}

const choicesOf = (e: unknown): unknown => (e as { choices: unknown }).choices;

describe('stream translator: Kong real-stream-frames', { skip: fixturesMissing }, () => {
  const cases = [
    ['openai', 'chat', provider('openai'), model('gpt-4'), 'text/event-stream'],
    ['openai', 'completions', provider('openai'), model('gpt-3.5-turbo-instruct'), 'text/event-stream'],
    // Kong's spec frames these with no content type; Cohere v1 sends application/stream+json.
    ['cohere', 'chat', provider('cohere'), model('command'), undefined],
    ['cohere', 'completions', provider('cohere'), model('command-light'), 'application/stream+json'],
  ] as const;
  const expected = {
    chat: [{ delta: { content: 'the answer' }, finish_reason: null, index: 0, logprobs: null }],
    completions: [{ text: 'the answer', finish_reason: null, index: 0, logprobs: null }],
  };
  for (const [dir, type, p, m, contentType] of cases) {
    it(`${dir} ${type}: one frame becomes the OpenAI choice Kong expects`, () => {
      // GIVEN one real upstream frame
      const bytes = fixtureBytes(`real-stream-frames/${dir}/llm-v1-${type}.txt`);

      // WHEN it streams through the translator
      const t = translator(p, m, type, contentType);
      const out = events(run(t, bytes));

      // THEN exactly one chunk comes out, with Kong's choices; no [DONE] is invented
      assert.equal(out.length, 1);
      assert.deepEqual(choicesOf(out[0]), expected[type]);
      assert.equal(t.text(), 'the answer');
    });
  }

  it('openai: frames pass through byte for byte and [DONE] ends the stream', () => {
    // GIVEN OpenAI's SSE body cut every 7 bytes
    const bytes = fixtureBytes('streaming-chunk-formats/text-event-stream/input.bin');
    const t = translator(provider('openai'), model('gpt-4'), 'chat', 'text/event-stream');

    // WHEN translated
    const out = run(t, bytes, 7);

    // THEN each data line is re-emitted unchanged, and the terminator keeps its blank line
    const lines = fixtureText('streaming-chunk-formats/text-event-stream/input.bin').split('\n\n');
    assert.deepEqual(out, [...lines.slice(0, 3).map((l) => `${l}\n\n`), DONE_FRAME]);
    assert.equal(t.text(), '2');
    assert.equal(t.finished(), true);
  });

  it('bedrock: Converse stream events become OpenAI chunks, metadata ends it with usage', () => {
    // GIVEN a recorded converse-stream body arriving 5 bytes at a time
    const t = translator(provider('bedrock', { region: 'us-east-1' }), model('anthropic.claude-3-haiku-20240307-v1:0'), 'chat', 'application/vnd.amazon.eventstream');

    // WHEN translated
    const out = events(run(t, fixtureBytes('streaming-chunk-formats/aws/input.bin'), 5));

    // THEN role, two deltas, the mapped stop reason, then [DONE]; usage from the metadata event
    const base = { model: 'anthropic.claude-3-haiku-20240307-v1:0', object: 'chat.completion.chunk' };
    assert.equal(out.length, 5);
    assert.deepEqual(out[0], { ...base, choices: [{ delta: { content: '', role: 'assistant' }, index: 0, logprobs: null }], system_fingerprint: null });
    assert.match((choicesOf(out[1]) as { delta: { content: string } }[])[0]?.delta.content ?? '', /^Hello! Relativity/);
    assert.deepEqual(out[3], { ...base, choices: [{ delta: {}, index: 0, finish_reason: 'stop', logprobs: null }] });
    assert.equal(out[4], '[DONE]');
    assert.deepEqual(t.usage(), { prompt_tokens: 9, completion_tokens: 97, total_tokens: 106 });
    assert.match(t.text(), /^Hello! Relativity.*far-reaching implications.*and matter\.$/s);
  });

  it('gemini: array elements become chunks; usage is the latest element\'s', () => {
    // GIVEN a streamGenerateContent body cut mid-element, then closed
    const name = 'streaming-chunk-formats/partial-json-split-three-parts';
    const t = translator(provider('gemini'), model('gemini-1.5-pro'), 'chat', 'application/json');
    const out: string[] = [];
    for (const part of ['input-1.bin', 'input-2.bin', 'input-3.bin']) out.push(...t.push(fixtureBytes(`${name}/${part}`)));
    out.push(...t.push(Buffer.from(']')), ...t.end());

    // THEN the chunk texts join to the expected text, each chunk in Kong's Gemini shape, then [DONE]
    const parsed = events(out);
    assert.equal(parsed.at(-1), '[DONE]');
    assert.equal(t.text(), fixtureText(`${name}/expected-output.bin`));
    assert.deepEqual(parsed[0], {
      model: 'gemini-1.5-pro',
      choices: [{ delta: { content: 'The theory of relativity is actually', role: 'assistant' }, index: 0, finish_reason: 'STOP' }],
    });
    assert.deepEqual(t.usage(), { prompt_tokens: 6, completion_tokens: 65, total_tokens: 71 });
  });
});

describe('stream translator: providers without Kong stream fixtures', () => {
  it('anthropic: Messages SSE events map to OpenAI chunks as Kong maps them', () => {
    // GIVEN a Messages API stream (https://docs.anthropic.com/en/api/messages-streaming), cut every 11 bytes
    const sse = [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-3-5-sonnet-20241022","stop_reason":null,"usage":{"input_tokens":25,"output_tokens":1}}}',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
      'event: ping\ndata: {"type": "ping"}',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", world"}}',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}',
      'event: message_stop\ndata: {"type":"message_stop"}',
    ].join('\n\n') + '\n\n';
    const m = model('claude-3-5-sonnet-20241022');
    const t = translator(provider('anthropic', { anthropicVersion: '2023-06-01' }), m, 'chat', 'text/event-stream; charset=utf-8');

    // WHEN translated
    const out = events(run(t, Buffer.from(sse), 11));

    // THEN a role chunk, three content chunks (block start, two deltas), [DONE]; ping, block stop and message_delta send nothing
    const delta = (content: string): unknown => ({
      choices: [{ delta: { content }, index: 0, finish_reason: null, logprobs: null }],
      id: 'msg_1',
      model: m.model,
      object: 'chat.completion.chunk',
    });
    assert.deepEqual(out, [
      { choices: [{ delta: { content: '', role: 'assistant' }, index: 0, logprobs: null }], id: 'msg_1', model: m.model, object: 'chat.completion.chunk', system_fingerprint: null },
      delta(''),
      delta('Hello'),
      delta(', world'),
      '[DONE]',
    ]);
    // AND usage: input from message_start, output from message_delta's running total
    assert.deepEqual(t.usage(), { prompt_tokens: 25, completion_tokens: 15, total_tokens: 40 });
  });

  it('ollama: JSON lines map to chunks and done:true ends the stream with usage', () => {
    // GIVEN an /api/chat stream (https://github.com/ollama/ollama/blob/main/docs/api.md)
    const ndjson = [
      '{"model":"llama3.2","created_at":"2024-07-01T00:00:00Z","message":{"role":"assistant","content":"Hi"},"done":false}',
      '{"model":"llama3.2","created_at":"2024-07-01T00:00:01Z","message":{"role":"assistant","content":" there"},"done":false}',
      '{"model":"llama3.2","created_at":"2024-07-01T00:00:02Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":12,"eval_count":3}',
    ].join('\n') + '\n';
    const t = translator(provider('ollama', { upstreamUrl: 'http://localhost:11434' }), model('llama3.2'), 'chat', 'application/x-ndjson');

    // WHEN translated  THEN two chunks and [DONE], usage from the final line
    const out = events(run(t, Buffer.from(ndjson), 13));
    assert.deepEqual(out, [
      { choices: [{ delta: { content: 'Hi' }, index: 0 }], model: 'llama3.2', object: 'chat.completion.chunk' },
      { choices: [{ delta: { content: ' there' }, index: 0 }], model: 'llama3.2', object: 'chat.completion.chunk' },
      '[DONE]',
    ]);
    assert.deepEqual(t.usage(), { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
  });

  it('cohere: stream-start, text and stream-end carry the generation id and billed usage', () => {
    // GIVEN a Cohere v1 chat stream
    const lines = [
      '{"is_finished":false,"event_type":"stream-start","generation_id":"gen-1"}',
      '{"is_finished":false,"event_type":"text-generation","text":"2"}',
      '{"is_finished":true,"event_type":"stream-end","finish_reason":"COMPLETE","response":{"meta":{"billed_units":{"input_tokens":7,"output_tokens":1}}}}',
    ].join('\n');
    const t = translator(provider('cohere'), model('command'), 'chat', 'application/stream+json');

    // WHEN translated
    const out = events(run(t, Buffer.from(lines)));

    // THEN the text chunk carries the stream-start id, and usage comes from billed_units
    assert.deepEqual(out[0], { choices: [{ delta: { content: '', role: 'assistant' }, index: 0 }], id: 'gen-1', model: 'command', object: 'chat.completion.chunk' });
    assert.deepEqual(out[1], { choices: [{ delta: { content: '2' }, index: 0, finish_reason: null, logprobs: null }], id: 'gen-1', model: 'command', object: 'chat.completion.chunk' });
    assert.equal(out[2], '[DONE]');
    assert.deepEqual(t.usage(), { prompt_tokens: 7, completion_tokens: 1, total_tokens: 8 });
  });
});

describe('stream translator: failures end the stream with Kong\'s error chunk', () => {
  it('an unparseable frame sends the error chunk once, and later bytes are ignored', () => {
    // GIVEN an OpenAI stream whose second event is not JSON
    const t = translator(provider('openai'), model('gpt-4'), 'chat', 'text/event-stream');

    // WHEN it is pushed
    const out = t.push(Buffer.from('data: {"choices":[{"delta":{"content":"a"},"index":0}]}\n\ndata: {oops\n\n'));

    // THEN the good chunk, then the error chunk; the translator is finished
    assert.deepEqual(out, ['data: {"choices":[{"delta":{"content":"a"},"index":0}]}\n\n', ERROR_FRAME]);
    assert.equal(ERROR_FRAME, 'data: {"error": true, "message": "empty or unsupported transformer response"}\n\n');
    assert.equal(t.finished(), true);
    assert.deepEqual(t.push(Buffer.from('data: {"choices":[]}\n\n')), []);
    assert.deepEqual(t.end(), []);
  });

  it('a content type Kong does not stream sends the error chunk', () => {
    const t = translator(provider('openai'), model('gpt-4'), 'chat', 'text/html');
    assert.deepEqual(t.push(Buffer.from('<html>')), [ERROR_FRAME]);
  });

  it('a route with no stream transformer sends the error chunk (anthropic completions, llama2 raw)', () => {
    const anthropic = translator(provider('anthropic', { anthropicVersion: '2023-06-01' }), model('claude-2.1'), 'completions', 'text/event-stream');
    assert.deepEqual(anthropic.push(Buffer.from('event: completion\ndata: {"completion":"Hi"}\n\n')), [ERROR_FRAME]);
    const raw = translator(provider('llama2', { format: 'raw', upstreamUrl: 'http://l' }), model('llama2'), 'chat');
    assert.deepEqual(raw.push(Buffer.from('data: {"token":{"text":"Hi"}}\n\n')), [ERROR_FRAME]);
  });

  it('a corrupt AWS frame sends the error chunk', () => {
    const t = translator(provider('bedrock', { region: 'us-east-1' }), model('m'), 'chat');
    assert.deepEqual(t.push(new Uint8Array(16).fill(0xff)), [ERROR_FRAME]);
  });

  it('a Bedrock in-stream exception sends the error chunk', () => {
    // GIVEN an event-stream exception message (built with its CRCs)
    const t = translator(provider('bedrock', { region: 'us-east-1' }), model('m'), 'chat');
    const out = t.push(eventStreamMessage({ ':message-type': 'exception', ':exception-type': 'throttlingException', ':content-type': 'application/json' }, '{"message":"slow down"}'));
    assert.deepEqual(out, [ERROR_FRAME]);
  });
});

/** Encodes one AWS event-stream message with string headers, for tests. */
function eventStreamMessage(headers: Record<string, string>, payload: string): Uint8Array {
  const parts = Object.entries(headers).map(([k, v]) => {
    const name = Buffer.from(k);
    const value = Buffer.from(v);
    const h = Buffer.alloc(1 + name.length + 1 + 2 + value.length);
    h.writeUInt8(name.length, 0);
    name.copy(h, 1);
    h.writeUInt8(7, 1 + name.length);
    h.writeUInt16BE(value.length, 2 + name.length);
    value.copy(h, 4 + name.length);
    return h;
  });
  const head = Buffer.concat(parts);
  const body = Buffer.from(payload);
  const total = 12 + head.length + body.length + 4;
  const msg = Buffer.alloc(total);
  msg.writeUInt32BE(total, 0);
  msg.writeUInt32BE(head.length, 4);
  msg.writeUInt32BE(crc32(msg.subarray(0, 8)), 8);
  head.copy(msg, 12);
  body.copy(msg, 12 + head.length);
  msg.writeUInt32BE(crc32(msg.subarray(0, total - 4)), total - 4);
  return msg;
}
