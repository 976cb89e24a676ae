/** buildUpstreamRequest: credentials and overrides, URLs and query strings, the option-merge rule,
 * and the provider mappings Kong's fixtures do not exercise (tools, single messages, streaming). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Provider } from '../../model/index.ts';
import { buildUpstreamRequest } from './request.ts';
import type { BuildUpstreamInput, UpstreamRequest } from './types.ts';
import { model, provider, secrets } from './testing/kong-fixtures.ts';

const resolveSecret = secrets({ OPENAI_KEY: 'Bearer sk-config', PARAM: 'p-config' });
const headerAuth = { kind: 'header' as const, name: 'Authorization', value: { kind: 'env' as const, name: 'OPENAI_KEY' } };
const chat = { messages: [{ role: 'user', content: 'Hi' }] };

async function build(over: Partial<BuildUpstreamInput>): Promise<UpstreamRequest> {
  const r = await buildUpstreamRequest({
    provider: provider('openai', { auth: headerAuth }),
    model: model('gpt-4o'),
    routeType: 'chat',
    body: chat,
    stream: false,
    resolveSecret,
    ...over,
  });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.request;
}

const sent = (r: UpstreamRequest): Record<string, unknown> => JSON.parse(r.body) as Record<string, unknown>;

describe('credentials', () => {
  it('sets the configured header, ignoring the client\'s unless override is allowed', async () => {
    // GIVEN a client that sends its own Authorization
    const clientHeaders = { authorization: 'Bearer sk-client' };

    // WHEN override is off  THEN the configured key is sent
    assert.equal((await build({ clientHeaders })).headers.authorization, 'Bearer sk-config');

    // WHEN override is on  THEN the client's key is kept
    const open = provider('openai', { auth: headerAuth, allowAuthOverride: true });
    assert.equal((await build({ provider: open, clientHeaders })).headers.authorization, 'Bearer sk-client');

    // WHEN override is on but the client sent none  THEN the configured key is sent
    assert.equal((await build({ provider: open, clientHeaders: {} })).headers.authorization, 'Bearer sk-config');
  });

  it('sets a query parameter, keeping the client\'s only when override is allowed', async () => {
    const auth = { kind: 'param' as const, name: 'api_key', location: 'query' as const, value: { kind: 'env' as const, name: 'PARAM' } };
    const clientQuery = new URLSearchParams('api_key=p-client&trace=1');
    const closed = await build({ provider: provider('openai-compatible', { auth, upstreamUrl: 'http://vllm.local:8000/v1/chat/completions' }), clientQuery });
    assert.equal(closed.url, 'http://vllm.local:8000/v1/chat/completions?api_key=p-config&trace=1');
    const open = await build({ provider: provider('openai-compatible', { auth, allowAuthOverride: true, upstreamUrl: 'http://vllm.local:8000/v1/chat/completions' }), clientQuery });
    assert.equal(open.url, 'http://vllm.local:8000/v1/chat/completions?api_key=p-client&trace=1');
  });

  it('puts a body parameter into the translated body', async () => {
    // GIVEN body-param auth on Anthropic, whose body is rebuilt by translation
    const auth = { kind: 'param' as const, name: 'api_key', location: 'body' as const, value: { kind: 'env' as const, name: 'PARAM' } };
    const r = await build({ provider: provider('anthropic', { auth, anthropicVersion: '2023-06-01' }) });

    // THEN the parameter is in what is sent (Kong loses it for rebuilt bodies)
    assert.equal(sent(r).api_key, 'p-config');

    // AND with override allowed, the client's own body value is carried over instead
    const open = provider('anthropic', { auth, anthropicVersion: '2023-06-01', allowAuthOverride: true });
    assert.equal(sent(await build({ provider: open, body: { ...chat, api_key: 'p-client' } })).api_key, 'p-client');
  });

  it('never puts a secret into an error message', async () => {
    const r = await buildUpstreamRequest({
      provider: provider('openai', { auth: { kind: 'header', name: 'Authorization', value: { kind: 'env', name: 'MISSING' } } }),
      model: model('gpt-4o'),
      routeType: 'chat',
      body: chat,
      stream: false,
      resolveSecret: () => {
        throw new Error('sk-leaked-value');
      },
    });
    assert.deepEqual(r, { ok: false, status: 500, message: "could not resolve the credential of provider 'openai'" });
  });

  it('uses an Azure managed identity token when one is injected', async () => {
    const azure = provider('azure', { azure: { instance: 'acme', apiVersion: '2024-02-01' }, auth: { kind: 'azure-managed-identity' } });
    const r = await build({ provider: azure, azureToken: () => Promise.resolve('eyJ.token') });
    assert.equal(r.headers.authorization, 'Bearer eyJ.token');
  });
});

describe('upstream URLs', () => {
  const azure: Provider = provider('azure', { azure: { instance: 'acme', apiVersion: '2024-02-01' }, auth: { kind: 'header', name: 'api-key', value: { kind: 'inline', value: 'k' } } });

  it('targets the Azure deployment with the configured api-version, or the client\'s', async () => {
    const m = model('gpt-4o', {}, { deployment: 'prod-gpt4o' });
    assert.equal((await build({ provider: azure, model: m })).url, 'https://acme.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-02-01');
    const r = await build({ provider: azure, model: m, clientQuery: new URLSearchParams('api-version=2024-10-21') });
    assert.equal(r.url, 'https://acme.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21');
    assert.equal(r.headers['api-key'], 'k');
  });

  it('sets api-version on an Azure provider whose URL is overridden', async () => {
    const custom = { ...azure, upstreamUrl: 'https://gateway.local/azure/chat' } as Provider;
    assert.equal((await build({ provider: custom })).url, 'https://gateway.local/azure/chat?api-version=2024-02-01');
  });

  it('appends Ollama\'s API path only when the URL has none', async () => {
    const bare = provider('ollama', { upstreamUrl: 'http://localhost:11434' });
    assert.equal((await build({ provider: bare })).url, 'http://localhost:11434/api/chat');
    assert.equal((await build({ provider: bare, routeType: 'completions', body: { prompt: 'Hi' } })).url, 'http://localhost:11434/api/generate');
    const pathed = provider('ollama', { upstreamUrl: 'http://localhost:11434/custom/chat' });
    assert.equal((await build({ provider: pathed })).url, 'http://localhost:11434/custom/chat');
  });

  it('fails with a 500 when a self-hosted provider has no URL', async () => {
    const r = await buildUpstreamRequest({ provider: provider('openai-compatible'), model: model('m'), routeType: 'chat', body: chat, stream: false, resolveSecret });
    assert.deepEqual(r, { ok: false, status: 500, message: "provider 'openai-compatible' (openai-compatible) has no upstream URL" });
  });
});

describe('model options (Kong 3.10: the configured value wins)', () => {
  it('overrides the client\'s value with the configured one, and keeps the client\'s where none is configured', async () => {
    // GIVEN config temperature 0.5 and top_k 20; the client sends temperature 0.9 and top_p 0.3
    const r = await build({ model: model('gpt-4o', { temperature: 0.5, topK: 20 }), body: { ...chat, temperature: 0.9, top_p: 0.3 } });

    // THEN temperature is the config's, top_p the client's, and top_k is removed for OpenAI
    assert.deepEqual(sent(r), { ...chat, temperature: 0.5, top_p: 0.3, model: 'gpt-4o', stream: false });
  });

  it('pins the model and sets stream explicitly', async () => {
    const r = await build({ body: { ...chat, model: 'gpt-4o' }, stream: true });
    assert.equal(sent(r).stream, true);
    assert.equal(sent(r).model, 'gpt-4o');
  });
});

describe('provider mappings beyond the Kong fixtures', () => {
  it('anthropic: tools, tool_choice, tool calls and results, the version header', async () => {
    // GIVEN an OpenAI tool round trip sent to Anthropic
    const r = await build({
      provider: provider('anthropic', { anthropicVersion: '2023-06-01', auth: { kind: 'header', name: 'x-api-key', value: { kind: 'inline', value: 'sk-ant' } } }),
      model: model('claude-3-5-sonnet-20241022', { maxTokens: 1024 }),
      body: {
        messages: [
          { role: 'developer', content: 'Use tools.' },
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'toolu_1', content: '18C' },
        ],
        tools: [{ type: 'function', function: { name: 'weather', description: 'Weather now.', parameters: { type: 'object' } } }],
        tool_choice: 'required',
      },
    });

    // THEN Anthropic's shapes; a non-standard role becomes the system prompt
    assert.equal(r.url, 'https://api.anthropic.com/v1/messages');
    assert.equal(r.headers['anthropic-version'], '2023-06-01');
    assert.equal(r.headers['x-api-key'], 'sk-ant');
    assert.deepEqual(sent(r), {
      model: 'claude-3-5-sonnet-20241022',
      system: 'Use tools.',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' }] },
      ],
      max_tokens: 1024,
      stream: false,
      tools: [{ name: 'weather', description: 'Weather now.', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    });
  });

  it('cohere: a single message has no chat_history; a request with tools goes out in OpenAI format', async () => {
    const cohere = provider('cohere');
    assert.deepEqual(sent(await build({ provider: cohere, model: model('command-r') })), { message: 'Hi', model: 'command-r', stream: false });
    const tools = [{ type: 'function', function: { name: 'f', parameters: {} } }];
    assert.deepEqual(sent(await build({ provider: cohere, model: model('command-r'), body: { ...chat, tools } })), { ...chat, tools, model: 'command-r', stream: false });
  });

  it('mistral ollama: the Ollama shape with an options block', async () => {
    const r = await build({ provider: provider('mistral', { format: 'ollama', upstreamUrl: 'http://ollama.local/api/chat' }), model: model('mistral', { maxTokens: 64 }), stream: true });
    assert.deepEqual(sent(r), { model: 'mistral', messages: chat.messages, stream: true, options: { num_predict: 64 } });
  });

  it('refuses a body that cannot be translated, with the reason', async () => {
    const r = await buildUpstreamRequest({
      provider: provider('anthropic', { anthropicVersion: '2023-06-01' }),
      model: model('claude-2.1'),
      routeType: 'chat',
      body: { prompt: 'Hi' },
      stream: false,
      resolveSecret,
    });
    assert.deepEqual(r, { ok: false, status: 400, message: 'error transforming to anthropic://llm/v1/chat: request is missing .messages command' });
  });
});
