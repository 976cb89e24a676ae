/** Test data: Kong's ai-proxy unit cases (`spec/fixtures/ai-proxy/unit`), with providers and models
 * built as the `FORMATS` table of Kong's `spec/03-plugins/38-ai-proxy/01-unit_spec.lua`. Shared by
 * the translator tests and the proxy's black-box tests. */
import type { Model, Provider, RouteType } from '../../../model/index.ts';
import { model, provider } from './kong-fixtures.ts';

export interface KongCase {
  /** Fixture folder under expected-requests/ etc. */
  readonly dir: string;
  readonly type: RouteType;
  readonly provider: Provider;
  readonly model: Model;
  readonly url: string;
  /** Fields of Kong's expected response this translator cannot match, and why. */
  readonly differs?: Readonly<Record<string, { readonly why: string; readonly ours: unknown }>>;
}

const key = { kind: 'header' as const, name: 'Authorization', value: { kind: 'env' as const, name: 'KEY' } };
const opts512 = { maxTokens: 512, temperature: 0.5 };
const llamaUrl = 'http://llama2.local:8000/generate';
const ollamaUrl = 'http://ollama.local:11434/api/chat';

export const KONG_CASES: readonly KongCase[] = [
  { dir: 'openai', type: 'chat', provider: provider('openai', { auth: key }), model: model('gpt-4', opts512), url: 'https://api.openai.com/v1/chat/completions' },
  {
    dir: 'openai',
    type: 'completions',
    provider: provider('openai', { auth: key }),
    model: model('gpt-3.5-turbo-instruct', opts512),
    url: 'https://api.openai.com/v1/completions',
  },
  {
    dir: 'azure',
    type: 'chat',
    provider: provider('azure', { azure: { instance: 'acme', apiVersion: '2023-05-15' } }),
    model: model('gpt-4', { ...opts512, topP: 1.0 }),
    url: 'https://acme.openai.azure.com/openai/deployments/gpt-4/chat/completions?api-version=2023-05-15',
  },
  {
    dir: 'azure',
    type: 'completions',
    provider: provider('azure', { azure: { instance: 'acme', apiVersion: '2023-05-15' } }),
    model: model('gpt-3.5-turbo-instruct', { ...opts512, topP: 1.0 }),
    url: 'https://acme.openai.azure.com/openai/deployments/gpt-3.5-turbo-instruct/completions?api-version=2023-05-15',
  },
  {
    dir: 'anthropic',
    type: 'chat',
    provider: provider('anthropic', { anthropicVersion: '2023-06-01' }),
    model: model('claude-2.1', { ...opts512, topP: 1.0 }),
    url: 'https://api.anthropic.com/v1/messages',
    differs: {
      usage: {
        why: "Kong's driver maps the reply's usage (0/0 here); the fixture predates that mapping and Kong's spec compares only choices[1].message and model",
        ours: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      },
    },
  },
  {
    dir: 'anthropic',
    type: 'completions',
    provider: provider('anthropic', { anthropicVersion: '2023-06-01' }),
    model: model('claude-2.1', { ...opts512, topP: 1.0 }),
    url: 'https://api.anthropic.com/v1/complete',
  },
  {
    dir: 'cohere',
    type: 'chat',
    provider: provider('cohere'),
    model: model('command', { ...opts512, topP: 1.0 }),
    url: 'https://api.cohere.com/v1/chat',
    differs: {
      usage: {
        why: "the fixture copies token_count (102 prompt, 360 total); Kong's driver reads meta.billed_units (81 in, 258 out), and Kong's spec does not compare usage",
        ours: { completion_tokens: 258, prompt_tokens: 81, total_tokens: 339 },
      },
    },
  },
  {
    dir: 'cohere',
    type: 'completions',
    provider: provider('cohere'),
    model: model('command', { ...opts512, topP: 0.75, topK: 5 }),
    url: 'https://api.cohere.com/v1/generate',
  },
  {
    dir: 'mistral/openai',
    type: 'chat',
    provider: provider('mistral', { format: 'openai' }),
    model: model('mistral-tiny', opts512),
    url: 'https://api.mistral.ai/v1/chat/completions',
  },
  {
    dir: 'llama2/raw',
    type: 'chat',
    provider: provider('llama2', { format: 'raw', upstreamUrl: llamaUrl }),
    model: model('llama2', { ...opts512, topP: 1, topK: 40 }),
    url: llamaUrl,
  },
  {
    dir: 'llama2/raw',
    type: 'completions',
    provider: provider('llama2', { format: 'raw', upstreamUrl: llamaUrl }),
    model: model('llama2', opts512),
    url: llamaUrl,
  },
  {
    dir: 'llama2/ollama',
    type: 'chat',
    provider: provider('llama2', { format: 'ollama', upstreamUrl: ollamaUrl }),
    model: model('llama2', opts512),
    url: ollamaUrl,
    differs: {
      usage: {
        why: "the fixture's counts are copied from the OpenAI fixture; Kong's from_ollama reads prompt_eval_count 26 and eval_count 100",
        ours: { completion_tokens: 100, prompt_tokens: 26, total_tokens: 126 },
      },
      created: { why: "Kong copies Ollama's created_at into created; the fixture leaves it out", ours: '2024-01-15T08:13:38.876196Z' },
    },
  },
  {
    dir: 'llama2/ollama',
    type: 'completions',
    provider: provider('llama2', { format: 'ollama', upstreamUrl: ollamaUrl }),
    model: model('llama2', opts512),
    url: ollamaUrl,
    differs: {
      choices: {
        why: "the fixture's text is not the real reply's (\"Because I said so.\"); Kong's spec compares choices[1].message, which completions lack, so it never saw this",
        ours: [{ index: 0, text: 'Because I said so.' }],
      },
      usage: {
        why: "the fixture's counts are copied from the OpenAI fixture; Kong's from_ollama reads 13 and 12",
        ours: { completion_tokens: 12, prompt_tokens: 13, total_tokens: 25 },
      },
      created: { why: "Kong copies Ollama's created_at into created; the fixture leaves it out", ours: '2024-01-15T08:14:21.967358Z' },
    },
  },
];

/** The fixture file name for a route type. */
export const caseFile = (type: RouteType): string => (type === 'chat' ? 'llm-v1-chat.json' : 'llm-v1-completions.json');
