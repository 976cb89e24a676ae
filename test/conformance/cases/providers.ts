/** Every provider kind, chat and stream: the client speaks OpenAI's format, the provider receives
 * its own (checked through the conversation it got), and the answer comes back in OpenAI's. */
import type { Feature } from '../../../src/model/index.ts';
import { secret, type ProviderInput } from '../../../src/index.ts';
import { chat, single } from '../configs.ts';
import { defineCase, type Case } from '../define.ts';

interface ProviderRow {
  readonly kind: string;
  readonly provider: ProviderInput;
  readonly model: string;
  /** The provider's id for the model, when it is not a valid config name. */
  readonly modelId?: string;
  readonly features?: readonly Feature[];
  readonly known?: Case['known'];
}

const COHERE_V2 = {
  skip: "Portkey calls Cohere's v2 chat API (/v2/chat); the mock providers speak v1 (/v1/chat), as Kong does, so the case cannot say anything about Portkey",
};

const ROWS: readonly ProviderRow[] = [
  { kind: 'openai', provider: { kind: 'openai' }, model: 'gpt-4o' },
  { kind: 'azure', provider: { kind: 'azure', instance: 'acme', apiVersion: '2024-10-21' }, model: 'gpt-4o' },
  { kind: 'anthropic', provider: { kind: 'anthropic' }, model: 'claude-sonnet-4-5' },
  { kind: 'cohere', provider: { kind: 'cohere' }, model: 'command-r-plus', known: { portkey: COHERE_V2 } },
  { kind: 'mistral', provider: { kind: 'mistral' }, model: 'mistral-large-latest' },
  { kind: 'llama2', provider: { kind: 'llama2', format: 'ollama', url: 'http://llama.internal:11434/api/chat' }, model: 'llama2' },
  {
    kind: 'gemini',
    provider: { kind: 'gemini', auth: { query: 'key', value: secret.env('GEMINI_KEY') } },
    model: 'gemini-2.0-flash',
    features: ['secret:env'],
    known: {
      portkey: {
        note: "Portkey ends a translated Gemini stream without `data: [DONE]`: it asks Gemini for its JSON-array stream (no `alt=sse`) and only passes a [DONE] on when the provider sent one, which Gemini never does.",
      },
    },
  },
  {
    kind: 'bedrock',
    provider: { kind: 'bedrock', region: 'us-east-1', auth: { aws: { accessKeyId: secret.env('AWS_KEY_ID'), secretAccessKey: secret.env('AWS_SECRET') } } },
    model: 'claude-haiku',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    features: ['secret:env'],
  },
  { kind: 'ollama', provider: { kind: 'ollama' }, model: 'llama3.2' },
  { kind: 'openai-compatible', provider: { kind: 'openai-compatible', url: 'https://api.deepseek.com:443/v1/chat/completions' }, model: 'deepseek-chat' },
];

const base = (row: ProviderRow): Feature[] => [`provider:${row.kind}` as Feature, 'route:chat', 'streaming', ...(row.features ?? [])];

export const providerCases = ROWS.flatMap((row) => [
  defineCase({
    name: `provider-${row.kind}-chat`,
    description: `A chat request to ${row.kind} arrives in ${row.kind}'s format with the conversation intact, and the answer comes back as an OpenAI chat completion.`,
    features: base(row),
    config: single(row.provider, row.model, row.modelId ? { modelId: row.modelId } : {}),
    exchanges: [
      {
        request: { route: 'chat', body: chat('What is the capital of France?') },
        mock: { [row.model]: { text: 'Paris.' } },
        expectResponse: { status: 200, body: { object: 'chat.completion', choices: [{ message: { role: 'assistant', content: 'Paris.' } }] }, servedBy: row.model },
        expectUpstream: { calls: 1, messages: [{ role: 'user', content: 'What is the capital of France?' }] },
      },
    ],
    ...(row.known && { known: row.known }),
  }),
  defineCase({
    name: `provider-${row.kind}-stream`,
    description: `A streamed chat request to ${row.kind} comes back as OpenAI chat.completion.chunk events that end with [DONE].`,
    features: base(row),
    config: single(row.provider, row.model, row.modelId ? { modelId: row.modelId } : {}),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Tell me a story', { stream: true }) },
        mock: { [row.model]: { text: 'Once upon a time there was a gateway.' } },
        expectResponse: { status: 200, stream: { done: true, errorEvent: false, minEvents: 3 } },
        expectUpstream: { calls: 1, messages: [{ role: 'user', content: 'Tell me a story' }] },
      },
    ],
    ...(row.known && { known: row.known }),
  }),
]);
