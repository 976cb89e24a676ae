/** Bad client input gets Kong's status and body, before anything reaches a provider: malformed
 * JSON, a wrong content type, an oversized body, an unknown route, a missing or wrong key, a model
 * the route does not serve, a body that does not fit the route. */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { request } from 'undici';
import type { MockProviders } from '../mock/index.ts';
import type { ReferenceProxy } from './index.ts';
import { post } from './testing/client.ts';
import { bundle, consumer, KEY_AUTH, model, route } from './testing/gateway.ts';
import { startMockedProxy } from '../../test/support/mocked-proxy.ts';

const chat = { messages: [{ role: 'user', content: 'hi' }] };
const ai = (message: string) => ({ error: { message } });

describe('request checks', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  const url = (path: string) => `${proxy.url}${path}`;

  before(async () => {
    ({ mock, proxy } = await startMockedProxy({
      bundle: bundle({
        providers: [
          { name: 'openai', kind: 'openai', allowAuthOverride: false },
          { name: 'anthropic', kind: 'anthropic', allowAuthOverride: false, anthropicVersion: '2023-06-01' },
        ],
        models: [model('gpt-4o', 'openai', { alias: 'fast' }), model('claude', 'anthropic', { model: 'claude-3-5-sonnet' }), model('instruct', 'openai')],
        routes: [
          route('chat', ['gpt-4o'], { keyAuth: KEY_AUTH }),
          route('open', ['gpt-4o']),
          route('complete', ['instruct'], { type: 'completions' }),
          route('nostream', ['gpt-4o'], { streaming: 'deny' }),
          route('multi', ['gpt-4o', 'claude']),
          route('regex', ['gpt-4o'], { paths: ['~/v(?<n>\\d+)/chat$'] }),
          route('body-key', ['gpt-4o'], { keyAuth: { ...KEY_AUTH, keyNames: ['api_key'], keyInBody: true } }),
        ],
        consumers: [consumer('alice', 'CHECKS_ALICE_KEY')],
      }),
      env: { CHECKS_ALICE_KEY: 'alice-secret' },
      log: false,
      maxBodyBytes: 4096,
    }));
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });
  beforeEach(() => mock.reset());

  describe('the body', () => {
    it('refuses malformed JSON with Kong 400', async () => {
      const r = await post(url('/open'), undefined, { raw: '{"messages": [' });
      assert.equal(r.status, 400);
      assert.deepEqual(r.json(), ai('content-type header does not match request body, or bad JSON formatting'));
      assert.equal(mock.received.length, 0);
    });

    it('refuses a JSON body sent with another content type', async () => {
      const r = await post(url('/open'), chat, { headers: { 'content-type': 'text/plain' } });
      assert.equal(r.status, 400);
      assert.deepEqual(r.json(), ai('content-type header does not match request body, or bad JSON formatting'));
    });

    it('treats a missing content type as JSON, as Kong does', async () => {
      const r = await request(url('/open'), { method: 'POST', body: JSON.stringify(chat) });
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.statusCode, 200, await r.body.text());
    });

    it('refuses a body over the size limit with 413, declared or chunked', async () => {
      const big = { messages: [{ role: 'user', content: 'x'.repeat(5000) }] };
      const declared = await post(url('/open'), big);
      assert.equal(declared.status, 413);
      assert.deepEqual(declared.json(), { message: 'Payload too large' });
      // A body without Content-Length is counted as it arrives.
      const chunked = await request(url('/open'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Readable.from([Buffer.from('{"messages":[{"role":"user","content":"'), Buffer.alloc(5000, 'y'), Buffer.from('"}]}')]),
      });
      assert.equal(chunked.statusCode, 413);
      assert.deepEqual(await chunked.body.json(), { message: 'Payload too large' });
      assert.equal(mock.received.length, 0);
    });

    it('refuses bodies without prompts, with both formats, or of the other route type', async () => {
      assert.deepEqual((await post(url('/open'), { messages: [] })).json(), ai("request body doesn't contain valid prompts"));
      assert.deepEqual((await post(url('/open'), [1, 2])).json(), ai("request body doesn't contain valid prompts"));
      assert.deepEqual((await post(url('/open'), { ...chat, prompt: 'p' })).json(), ai('request matches multiple LLM request formats'));
      assert.deepEqual((await post(url('/complete'), chat)).json(), ai('[llm/v1/chat] message format is not compatible with [llm/v1/completions] route type'));
      assert.deepEqual((await post(url('/open'), { prompt: 'p' })).json(), ai('[llm/v1/completions] message format is not compatible with [llm/v1/chat] route type'));
      assert.equal(mock.received.length, 0);
    });

    it('refuses a stream on a route that denies streaming', async () => {
      const r = await post(url('/nostream'), { ...chat, stream: true });
      assert.equal(r.status, 400);
      assert.deepEqual(r.json(), ai('response streaming is not enabled for this LLM'));
    });
  });

  describe('the model', () => {
    it('refuses a model the route does not serve', async () => {
      const r = await post(url('/open'), { ...chat, model: 'gpt-3.5-turbo' });
      assert.equal(r.status, 400);
      assert.deepEqual(r.json(), ai('cannot use own model - must be: gpt-4o'));
    });

    it("accepts the model's own name and its alias, and sends the provider's name upstream", async () => {
      assert.equal((await post(url('/open'), { ...chat, model: 'gpt-4o' })).status, 200);
      const r = await post(url('/open'), { ...chat, model: 'fast' });
      assert.equal(r.status, 200);
      assert.equal((mock.received.at(-1)?.body as { model?: string }).model, 'gpt-4o');
    });

    it('lets the body pick one of several models on a route, the balancer otherwise', async () => {
      await post(url('/multi'), { ...chat, model: 'claude-3-5-sonnet' });
      assert.equal(mock.received.at(-1)?.provider, 'anthropic');
      // Round-robin over two equal weights: two requests without a model reach both providers.
      await post(url('/multi'), chat);
      const first = mock.received.at(-1)?.provider;
      await post(url('/multi'), chat);
      assert.deepEqual([first, mock.received.at(-1)?.provider].sort(), ['anthropic', 'openai']);
      const wrong = await post(url('/multi'), { ...chat, model: 'other' });
      assert.deepEqual(wrong.json(), ai('cannot use own model - must be one of: gpt-4o, claude-3-5-sonnet'));
    });
  });

  describe('routing', () => {
    it("answers an unknown path with Kong's 404", async () => {
      const r = await post(url('/nowhere'), chat);
      assert.equal(r.status, 404);
      assert.deepEqual(r.json(), { message: 'no Route matched with those values' });
    });

    it('matches regex paths from the start of the path, and prefixes by string', async () => {
      assert.equal((await post(url('/v2/chat'), chat)).status, 200);
      assert.equal((await post(url('/x/v2/chat'), chat)).status, 404);
      assert.equal((await post(url('/open/anything?x=1'), chat)).status, 200);
    });
  });

  describe('key-auth', () => {
    it('asks for a key when none is sent', async () => {
      const r = await post(url('/chat'), chat);
      assert.equal(r.status, 401);
      assert.equal(r.headers['www-authenticate'], 'Key');
      assert.deepEqual(r.json(), { message: 'No API key found in request' });
    });

    it('refuses a wrong key', async () => {
      const r = await post(url('/chat'), chat, { headers: { apikey: 'not-alice' } });
      assert.equal(r.status, 401);
      assert.deepEqual(r.json(), { message: 'Unauthorized' });
      assert.equal(mock.received.length, 0);
    });

    it('refuses the key sent twice', async () => {
      const r = await post(url('/chat?apikey=a&apikey=b'), chat);
      assert.deepEqual(r.json(), { message: 'Duplicate API key found' });
    });

    it('accepts the key in a header or the query, and hides it from the provider', async () => {
      assert.equal((await post(url('/chat'), chat, { headers: { apikey: 'alice-secret', 'x-consumer-username': 'mallory' } })).status, 200);
      assert.equal(mock.received.at(-1)?.headers.apikey, undefined);
      // As Kong's key-auth, it names the consumer to the upstream, whatever the client claimed.
      assert.equal(mock.received.at(-1)?.headers['x-consumer-username'], 'alice');
      assert.equal((await post(url('/chat?apikey=alice-secret&keep=1'), chat)).status, 200);
      assert.deepEqual(mock.received.at(-1)?.query, { keep: '1' });
    });

    it('reads the key from the body when allowed, and strips it', async () => {
      assert.equal((await post(url('/body-key'), { ...chat, api_key: 'alice-secret' })).status, 200);
      assert.equal((mock.received.at(-1)?.body as Record<string, unknown>).api_key, undefined);
    });
  });
});
