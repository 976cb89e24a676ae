/** The official `openai` SDK against `aigate serve --mock`, started in-process the way the CLI
 * starts it: a chat and a streamed chat for every provider kind, and the SDK's typed errors for
 * the proxy's 400, 401 and 413 and a provider's 429. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startServe, type Serving } from '../cli/commands/serve.ts';
import type { ProviderKind } from '../model/index.ts';

const ALICE = 'sdk-alice-key';

/** Per provider kind: its provider entry and the model name clients send. */
const KINDS: Readonly<Record<ProviderKind, { readonly provider: Record<string, unknown>; readonly model: string; readonly extra?: Record<string, unknown> }>> = {
  openai: { provider: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'SDK_OPENAI_AUTH' } } }, model: 'gpt-4o' },
  azure: { provider: { kind: 'azure', instance: 'acme', auth: { header: 'api-key', value: { env: 'SDK_AZURE_KEY' } } }, model: 'gpt-4o-mini', extra: { deployment: 'chat-dep' } },
  anthropic: { provider: { kind: 'anthropic', auth: { header: 'x-api-key', value: { env: 'SDK_ANTHROPIC_KEY' } } }, model: 'claude-3-5-sonnet' },
  cohere: { provider: { kind: 'cohere', auth: { header: 'Authorization', value: { env: 'SDK_COHERE_AUTH' } } }, model: 'command-r' },
  mistral: { provider: { kind: 'mistral', format: 'openai' }, model: 'mistral-small' },
  llama2: { provider: { kind: 'llama2', format: 'ollama', url: 'http://llama.internal:11434/api/chat' }, model: 'llama2' },
  gemini: { provider: { kind: 'gemini', auth: { query: 'key', value: { env: 'SDK_GEMINI_KEY' } } }, model: 'gemini-1.5-pro' },
  bedrock: {
    provider: { kind: 'bedrock', region: 'us-east-1', auth: { aws: { accessKeyId: { env: 'SDK_AWS_ID' }, secretAccessKey: { env: 'SDK_AWS_SECRET' } } } },
    model: 'anthropic.claude-3-haiku-20240307-v1:0',
  },
  ollama: { provider: { kind: 'ollama', url: 'http://localhost:11434/api/chat' }, model: 'llama3.2' },
  'openai-compatible': { provider: { kind: 'openai-compatible', url: 'https://api.deepseek.com/v1/chat/completions' }, model: 'deepseek-chat' },
};

function config(): Record<string, unknown> {
  const entries = Object.entries(KINDS);
  return {
    name: 'sdk-every-provider',
    providers: Object.fromEntries(entries.map(([kind, k]) => [kind, k.provider])),
    models: Object.fromEntries(entries.map(([kind, k]) => [`${kind}-model`, { provider: kind, model: k.model, ...k.extra }])),
    routes: Object.fromEntries(entries.map(([kind]) => [kind, { path: `/${kind}`, model: `${kind}-model`, auth: true }])),
    consumers: { alice: { keys: [{ env: 'SDK_ALICE_KEY' }] } },
  };
}

describe('the openai SDK against aigate serve --mock', () => {
  let dir: string;
  let serving: Serving;
  const sdk = (kind: string, key = ALICE) => new OpenAI({ baseURL: `${serving.proxy.url}/${kind}`, apiKey: 'not-the-gateway-key', defaultHeaders: { apikey: key }, maxRetries: 0 });

  before(async () => {
    process.env.SDK_ALICE_KEY = ALICE;
    dir = await mkdtemp(path.join(tmpdir(), 'aigate-sdk-'));
    const file = path.join(dir, 'gateway.config.json');
    await writeFile(file, JSON.stringify(config()));
    // Provider credentials are deliberately unset: under --mock they become placeholders.
    const started = await startServe(file, { port: 0, host: '127.0.0.1', mock: true, adminPort: 0 }, { log: false, maxBodyBytes: 64 * 1024 });
    assert.ok(started.ok, started.ok ? '' : JSON.stringify(started.diagnostics));
    serving = started.value;
  });
  after(async () => {
    await serving?.close();
    await rm(dir, { recursive: true, force: true });
    delete process.env.SDK_ALICE_KEY;
  });

  for (const [kind, { model }] of Object.entries(KINDS)) {
    it(`${kind}: completes a chat`, async () => {
      // GIVEN the SDK pointed at the proxy route of a ${kind} provider
      // WHEN it creates a chat completion
      const r = await sdk(kind).chat.completions.create({ model, messages: [{ role: 'user', content: `Hello ${kind}` }] });
      // THEN the mock's echo comes back as an OpenAI chat completion
      assert.equal(r.choices[0]?.message.content, `echo: Hello ${kind}`);
      assert.equal(serving.mocks?.received.at(-1)?.provider, kind);
    });

    it(`${kind}: streams a chat`, async () => {
      // GIVEN the same route  WHEN the SDK asks for a stream
      const stream = await sdk(kind).chat.completions.create({ model, messages: [{ role: 'user', content: `Stream for ${kind} please` }], stream: true });
      let text = '';
      let chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        text += chunk.choices[0]?.delta?.content ?? '';
      }
      // THEN the deltas add up to the echo, in several chunks
      assert.equal(text, `echo: Stream for ${kind} please`);
      assert.ok(chunks >= 3, `${chunks} chunks`);
    });
  }

  it('gets BadRequestError for a model the route does not serve', async () => {
    await assert.rejects(sdk('openai').chat.completions.create({ model: 'gpt-3.5', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.BadRequestError);
      assert.equal(e.status, 400);
      assert.match(e.message, /cannot use own model - must be: gpt-4o/);
      return true;
    });
  });

  it('gets AuthenticationError for a wrong consumer key', async () => {
    await assert.rejects(sdk('openai', 'wrong-key').chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.AuthenticationError);
      assert.equal(e.status, 401);
      return true;
    });
  });

  it('gets an APIError with status 413 for an oversized body', async () => {
    const big = 'word '.repeat(20_000);
    await assert.rejects(sdk('openai').chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: big }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.APIError);
      assert.equal(e.status, 413);
      return true;
    });
  });

  it('gets RateLimitError when the provider answers 429 (passed through)', async () => {
    serving.mocks?.enqueue({ status: 429 });
    await assert.rejects(sdk('anthropic').chat.completions.create({ model: 'claude-3-5-sonnet', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.RateLimitError);
      assert.equal(e.status, 429);
      return true;
    });
  });
});
