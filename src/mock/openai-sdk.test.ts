import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
import type { MockProviders } from './server.ts';
import { startMockProviders } from './server.ts';

describe('the official openai SDK against the mock', () => {
  let mock: MockProviders;
  let client: OpenAI;
  before(async () => {
    mock = await startMockProviders();
    client = new OpenAI({ baseURL: mock.sdkBaseUrl('openai'), apiKey: 'sk-test', maxRetries: 0 });
  });
  after(() => mock.close());

  it('completes a chat', async () => {
    // GIVEN the SDK pointed at the mock's OpenAI base URL
    // WHEN it creates a chat completion
    const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hello' }] });
    // THEN it parses the echo and its usage
    assert.equal(r.choices[0]?.message.content, 'echo: Say hello');
    assert.deepEqual(r.usage, { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    // AND the mock saw the SDK's request, bearer token included
    const seen = mock.received.at(-1);
    assert.equal(seen?.path, '/openai/v1/chat/completions');
    assert.equal(seen?.headers['authorization'], 'Bearer sk-test');
  });

  it('streams a chat, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Count to three' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'echo: Count to three');
    assert.ok(chunks > 3);
    assert.deepEqual(usage, { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
  });

  it('accumulates a stream with the SDK’s own helper', async () => {
    const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'abc def' }] });
    const final = await runner.finalChatCompletion();
    assert.equal(final.choices[0]?.message.content, 'echo: abc def');
    assert.equal(final.choices[0]?.finish_reason, 'stop');
  });

  it('surfaces an injected 429 as the SDK’s RateLimitError', async () => {
    mock.enqueue({ status: 429 });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.RateLimitError);
      assert.equal(e.code, 'rate_limit_exceeded');
      return true;
    });
  });

  it('works as an Azure OpenAI endpoint through AzureOpenAI', async () => {
    const azure = new AzureOpenAI({ endpoint: mock.sdkBaseUrl('azure'), apiKey: 'az-key', apiVersion: '2024-10-21', deployment: 'gpt-4o-dep', maxRetries: 0 });
    const r = await azure.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi azure' }] });
    assert.equal(r.choices[0]?.message.content, 'echo: hi azure');
    const seen = mock.received.at(-1);
    assert.equal(seen?.provider, 'azure');
    assert.equal(seen?.path, '/azure/openai/deployments/gpt-4o-dep/chat/completions');
    assert.equal(seen?.headers['api-key'], 'az-key');
  });
});
