import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PromptDecoratorPolicy } from '../../model/index.ts';
import { decoratePrompt } from './prompt-decorator.ts';

const policy: PromptDecoratorPolicy = {
  prepend: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Context: ACME.' },
  ],
  append: [{ role: 'system', content: 'Answer in French.' }],
};

describe('prompt decorator', () => {
  it('GIVEN a chat body THEN prepend, the client’s messages, then append, in configured order', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi', name: 'bob' }], temperature: 0.2 };
    const out = decoratePrompt(policy, body);
    assert.ok(out.ok);
    assert.deepEqual(out.value, {
      model: 'gpt-4o',
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Context: ACME.' },
        { role: 'user', content: 'hi', name: 'bob' },
        { role: 'system', content: 'Answer in French.' },
      ],
    });
    assert.equal(body.messages.length, 1, 'the input body is not modified');
  });

  it('GIVEN a completions body THEN 400 "this LLM route only supports llm/chat type requests"', () => {
    const out = decoratePrompt(policy, { prompt: 'hi' });
    assert.deepEqual(out, { ok: false, reply: { status: 400, body: '{"error":{"message":"this LLM route only supports llm/chat type requests"}}' } });
  });

  it('GIVEN an empty conversation THEN the same 400', () => {
    const out = decoratePrompt(policy, { messages: [] });
    assert.equal(!out.ok && out.reply.body, '{"error":{"message":"this LLM route only supports llm/chat type requests"}}');
  });

  it('GIVEN a body that is not JSON THEN 400 "this LLM route only supports application/json requests"', () => {
    const out = decoratePrompt(policy, undefined);
    assert.deepEqual(out, { ok: false, reply: { status: 400, body: '{"error":{"message":"this LLM route only supports application/json requests"}}' } });
  });
});
