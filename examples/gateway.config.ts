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
});
