/** translateResponse: the status rules (only a 200 is translated; failures become Kong's 500) and
 * reply shapes the Kong fixtures do not cover. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translateResponse } from './response.ts';
import { model, provider } from './testing/kong-fixtures.ts';

describe('status handling', () => {
  it('passes a non-200 reply through untouched, 2xx included', () => {
    // GIVEN provider error and non-200 success bodies  WHEN translated  THEN status and bytes are unchanged, no usage
    const error = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
    const anthropic = provider('anthropic', { anthropicVersion: '2023-06-01' });
    assert.deepEqual(translateResponse(anthropic, model('claude-2.1'), 'chat', 529, error), { status: 529, body: error });
    assert.deepEqual(translateResponse(anthropic, model('claude-2.1'), 'chat', 201, 'not json'), { status: 201, body: 'not json' });
  });

  it('turns an OpenAI 200 without choices into Kong\'s 500', () => {
    const out = translateResponse(provider('openai'), model('gpt-4o'), 'completions', 200, '{"object":"list"}');
    assert.deepEqual(out, { status: 500, body: { error: { message: "transformation failed from type openai://llm/v1/completions: 'choices' not in llm/v1/completions response" } } });
  });

  it('turns an undecodable 200 into Kong\'s 500', () => {
    const out = translateResponse(provider('anthropic', { anthropicVersion: '2023-06-01' }), model('claude-2.1'), 'chat', 200, '<html>');
    assert.deepEqual(out, { status: 500, body: { error: { message: 'transformation failed from type anthropic://llm/v1/chat: failed to decode anthropic response' } } });
  });
});

describe('reply shapes', () => {
  it('anthropic: tool_use blocks become tool_calls; texts join with "\\n" as Kong joins them', () => {
    // GIVEN a Messages reply with text, a tool call, then more text
    const reply = JSON.stringify({
      id: 'msg_1',
      model: 'claude-3-5-sonnet-20241022',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'text', text: 'One moment.' },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 20, output_tokens: 9 },
    });

    // WHEN translated
    const out = translateResponse(provider('anthropic', { anthropicVersion: '2023-06-01' }), model('claude-3-5-sonnet-20241022'), 'chat', 200, reply);

    // THEN the raw stop reason (Kong does not map it) and OpenAI tool calls
    assert.deepEqual(out.body, {
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Checking.\nOne moment.',
            tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }],
          },
          finish_reason: 'tool_use',
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 },
      model: 'claude-3-5-sonnet-20241022',
      object: 'chat.completion',
    });
    assert.deepEqual(out.usage, { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 });
  });

  it('anthropic: a reply without usage has no usage field (Kong would put a string there)', () => {
    const out = translateResponse(provider('anthropic', { anthropicVersion: '2023-06-01' }), model('c'), 'chat', 200, '{"content":[{"type":"text","text":"Hi"}],"model":"c"}');
    assert.equal((out.body as Record<string, unknown>).usage, undefined);
    assert.equal(out.usage, undefined);
  });

  it('cohere: a v2 chat reply (message, finish_reason, usage.billed_units)', () => {
    const reply = JSON.stringify({
      id: 'c-1',
      finish_reason: 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
      usage: { billed_units: { input_tokens: 3, output_tokens: 1 } },
    });
    const out = translateResponse(provider('cohere'), model('command-r'), 'chat', 200, reply);
    assert.deepEqual(out.body, {
      choices: [{ index: 0, message: { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] }, finish_reason: 'COMPLETE' }],
      object: 'chat.completion',
      model: 'command-r',
      id: 'c-1',
      usage: { completion_tokens: 1, prompt_tokens: 3, total_tokens: 4 },
    });
  });

  it('ollama: finish_reason is "length" when eval_count reaches the configured max_tokens', () => {
    const reply = JSON.stringify({ model: 'mistral', created_at: '2024-01-01T00:00:00Z', message: { role: 'assistant', content: 'cut' }, done: true, prompt_eval_count: 5, eval_count: 64 });
    const p = provider('mistral', { format: 'ollama', upstreamUrl: 'http://o/api/chat' });
    const out = translateResponse(p, model('mistral', { maxTokens: 64 }), 'chat', 200, reply);
    assert.equal((out.body as { choices: { finish_reason: string }[] }).choices[0]?.finish_reason, 'length');
    assert.deepEqual(out.usage, { prompt_tokens: 5, completion_tokens: 64, total_tokens: 69 });
  });

  it('llama2 raw: a reply with several generations is refused', () => {
    const p = provider('llama2', { format: 'raw', upstreamUrl: 'http://l' });
    const out = translateResponse(p, model('llama2'), 'chat', 200, '{"data":[{"generated_text":"a"},{"generated_text":"b"}]}');
    assert.deepEqual(out.body, { error: { message: 'transformation failed from type llama2://llm/v1/chat: cannot parse response from llama2 endpoint' } });
  });
});
