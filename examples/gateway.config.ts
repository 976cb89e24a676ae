// An AI gateway in one file: OpenAI and Anthropic behind key-auth, DeepSeek for everyone, and a
// local Ollama model. Compile it with `aigate compile examples/gateway.config.ts --target deck`.
import { defineGateway, secret } from 'aigate';

export default defineGateway({
  name: 'acme-ai',
  kong: { version: '3.15' },

  providers: {
    openai: { kind: 'openai', auth: { header: 'Authorization', value: secret.env('OPENAI_AUTH') } },
    anthropic: { kind: 'anthropic', auth: { header: 'x-api-key', value: secret.env('ANTHROPIC_API_KEY') } },
    deepseek: {
      kind: 'openai-compatible',
      url: 'https://api.deepseek.com:443/v1/chat/completions',
      auth: { header: 'Authorization', value: secret.env('DEEPSEEK_AUTH') },
    },
    ollama: { kind: 'ollama', url: 'http://localhost:11434/api/chat' },
  },

  models: {
    'gpt-4o': { provider: 'openai', options: { maxTokens: 1024, temperature: 0.7, inputCost: 2.5, outputCost: 10 } },
    claude: { provider: 'anthropic', model: 'claude-sonnet-4-5', options: { maxTokens: 1024, inputCost: 3, outputCost: 15 } },
    'deepseek-chat': { provider: 'deepseek' },
    llama: { provider: 'ollama', model: 'llama3.2' },
  },

  routes: {
    openai: { path: '/openai/chat', model: 'gpt-4o', auth: true },
    anthropic: { path: '/anthropic/chat', model: 'claude', auth: true },
    deepseek: { path: '/deepseek/chat', model: 'deepseek-chat' },
    local: { path: '/local/chat', model: 'llama', streaming: 'always' },
  },

  consumerGroups: { engineering: {} },
  consumers: {
    alice: { groups: ['engineering'], keys: [secret.env('ALICE_API_KEY')] },
    bob: { keys: [secret.env('BOB_API_KEY')] },
  },

  // `aigate test examples/gateway.config.ts` runs these on the reference proxy against mock
  // providers: no keys, no network. Consumers send generated test keys, never the real ones.
  tests: [
    {
      name: 'alice reaches OpenAI with her key',
      request: { route: 'openai', consumer: 'alice', prompt: 'What is the capital of France?' },
      mock: { 'gpt-4o': { text: 'Paris.' } },
      expect: {
        status: 200,
        body: { choices: [{ message: { role: 'assistant', content: 'Paris.' } }] },
        servedBy: 'gpt-4o',
        // The provider learns who asked, never the consumer's key; the model's options are applied.
        upstream: { calls: 1, headers: { 'x-consumer-username': 'alice', apikey: null }, body: { model: 'gpt-4o', max_tokens: 1024, temperature: 0.7 } },
      },
    },
    {
      name: 'no key, no answer',
      request: { route: 'anthropic', prompt: 'Hello' },
      expect: { status: 401, upstream: { called: false } },
    },
    {
      name: 'bob talks to Claude in OpenAI format',
      request: { route: 'anthropic', consumer: 'bob', body: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] } },
      mock: { claude: { text: 'Hello!', usage: { prompt: 3, completion: 1 } } },
      expect: {
        status: 200,
        body: { object: 'chat.completion', choices: [{ message: { content: 'Hello!' } }], usage: { prompt_tokens: 3, completion_tokens: 1 } },
        upstream: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], body: { model: 'claude-sonnet-4-5' } },
      },
    },
    {
      name: 'DeepSeek is open to everyone and streams',
      request: { route: 'deepseek', body: { messages: [{ role: 'user', content: 'Count to five' }], stream: true } },
      mock: { 'deepseek-chat': { text: 'one two three four five' } },
      expect: { status: 200, stream: { done: true, minEvents: 5 } },
    },
    {
      name: 'the local route always streams',
      request: { route: 'local', prompt: 'Hello' },
      expect: { status: 200, stream: { done: true }, upstream: { body: { model: 'llama3.2' } } },
    },
    {
      name: 'a provider failure reaches the client as it was',
      request: { route: 'deepseek', prompt: 'Hello' },
      mock: { 'deepseek-chat': { status: 503 } },
      expect: { status: 503, upstream: { calls: 1 } },
    },
  ],
});
