/** `upstream.messages`: each provider's request read back as OpenAI-style messages. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagesOf } from './messages.ts';

const want = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
];

describe('messagesOf', () => {
  it('reads OpenAI and Anthropic shapes', () => {
    assert.deepEqual(messagesOf('openai-chat', { messages: want }), want);
    assert.deepEqual(messagesOf('anthropic-messages', { system: 'Be brief.', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }), want);
  });

  it('reads Gemini, Bedrock and Cohere shapes', () => {
    assert.deepEqual(messagesOf('gemini', { systemInstruction: { parts: [{ text: 'Be brief.' }] }, contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }), want);
    assert.deepEqual(messagesOf('bedrock-converse', { system: [{ text: 'Be brief.' }], messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }), want);
    assert.deepEqual(messagesOf('cohere-chat', { chat_history: [{ role: 'CHATBOT', message: 'Hello' }], message: 'Hi' }), [
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('reads a completions prompt as one user message', () => {
    assert.deepEqual(messagesOf('openai-completions', { prompt: 'Say hi' }), [{ role: 'user', content: 'Say hi' }]);
    assert.equal(messagesOf('openai-chat', 'not json'), undefined);
  });
});
