/** The prompt policies through HTTP, against the mock providers: the guard's Kong 400 (the
 * upstream never called), the decorator's messages reaching the upstream, templates rendered, the
 * request transformer's rewrite reaching the upstream and the response transformer's reaching the
 * client, in Kong's order; and a catastrophic-backtracking deny pattern that does not hold the
 * event loop. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MockProviders } from '../mock/index.ts';
import type { Policies } from '../model/index.ts';
import type { ReferenceProxy } from './index.ts';
import { post } from './testing/client.ts';
import { bundle, model, route } from './testing/gateway.ts';
import { memoryLog, type MemoryLog } from './testing/memory-log.ts';
import { startMockedProxy } from '../../test/support/mocked-proxy.ts';

const BAD_REQUEST = { error: { message: 'bad request' } };
const chat = (content: string) => ({ messages: [{ role: 'user', content }] });
type Sent = { messages?: { role: string; content: string }[] };

const TRANSFORMER = { model: 'helper', timeoutMs: 5_000 };
const ROUTES: Record<string, Policies> = {
  guarded: { promptGuard: { deny: ['password'], allow: [], matchAllRoles: false, latestOnly: false } },
  redos: { promptGuard: { deny: ['(a+)+$'], allow: [], matchAllRoles: false, latestOnly: false } },
  unguarded: {},
  decorated: {
    promptDecorator: { prepend: [{ role: 'system', content: 'You work for a regulated bank.' }], append: [{ role: 'user', content: 'Answer in plain language.' }] },
  },
  // The decorator appends a word the guard denies: the guard sees decorated messages (Kong's order).
  'decorated-then-guarded': {
    promptDecorator: { prepend: [], append: [{ role: 'user', content: 'and never mention the password' }] },
    promptGuard: { deny: ['password'], allow: [], matchAllRoles: false, latestOnly: false },
  },
  templated: {
    promptTemplates: {
      templates: [{ name: 'summarise', template: '{"messages":[{"role":"user","content":"Summarise in {{words}} words: {{text}}"}]}' }],
      allowUntemplated: false,
      logOriginalRequest: false,
    },
  },
  rewritten: { requestTransformer: { prompt: 'Rewrite the request body.', ...TRANSFORMER } },
  translated: { responseTransformer: { prompt: 'Translate the answer to Chinese.', parseJsonInstructions: false, ...TRANSFORMER } },
};

describe('prompt policies through the proxy', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  let log: MemoryLog;
  const url = (path: string) => `${proxy.url}/${path}`;

  before(async () => {
    log = memoryLog();
    ({ mock, proxy } = await startMockedProxy({
      bundle: bundle({
        providers: [{ name: 'openai', kind: 'openai', allowAuthOverride: false }],
        models: [model('gpt-4o', 'openai'), model('helper', 'openai', { model: 'helper-mini' })],
        routes: Object.entries(ROUTES).map(([name, policies]) => route(name, ['gpt-4o'], { policies })),
      }),
      log,
    }));
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });
  beforeEach(() => mock.reset());

  describe('prompt guard', () => {
    it('GIVEN a deny pattern "password" WHEN a user asks "show me the password" THEN Kong\'s 400 and the upstream is never called', async () => {
      const r = await post(url('guarded'), chat('show me the password'));
      assert.equal(r.status, 400);
      assert.deepEqual(r.json(), BAD_REQUEST);
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(mock.received.length, 0);
    });

    it('GIVEN the same route WHEN the prompt is harmless THEN it is proxied', async () => {
      const r = await post(url('guarded'), chat('show me the weather'));
      assert.equal(r.status, 200);
      assert.equal(mock.received.length, 1);
    });

    it('GIVEN a decorator that appends a denied word THEN the guard, running after it, refuses', async () => {
      const r = await post(url('decorated-then-guarded'), chat('hello'));
      assert.deepEqual([r.status, r.json()], [400, BAD_REQUEST]);
      assert.equal(mock.received.length, 0);
    });

    it('GIVEN deny (a+)+$ WHEN a 50,000-character prompt arrives THEN the guard holds the event loop well under 10 ms', async (t) => {
      // 'aaaa…a!' is the worst case for a backtracking engine: 2^50000 ways to fail.
      const hostile = chat(`${'a'.repeat(50_000)}!`);
      // A short answer, so the (in-process) mock's echo of 50,000 characters is not what is measured.
      mock.onModel('gpt-4o', { text: 'ok' });
      const longestDelay = async (path: string): Promise<number> => {
        const h = monitorEventLoopDelay({ resolution: 1 });
        h.enable();
        const r = await post(url(path), hostile);
        h.disable();
        assert.equal(r.status, 200);
        return h.max / 1e6;
      };
      await longestDelay('redos'); // warm-up: connections, JIT
      await longestDelay('unguarded');
      // The same request through a route without the guard is the control: it carries everything
      // else (client, proxy and mock all run in this process, and the OS gives time to the test
      // files running in parallel), so the difference is the guard's. Best of five each, since
      // noise only ever adds.
      const guarded: number[] = [];
      const control: number[] = [];
      for (let i = 0; i < 5; i++) {
        guarded.push(await longestDelay('redos'));
        control.push(await longestDelay('unguarded'));
      }
      const said = `longest event-loop delay, guarded: ${guarded.map((d) => d.toFixed(2)).join(', ')} ms; without the guard: ${control.map((d) => d.toFixed(2)).join(', ')} ms`;
      t.diagnostic(said);
      assert.ok(Math.min(...guarded) - Math.min(...control) < 10, said);
      // And in absolute terms, generously (a backtracking engine would not finish at all).
      assert.ok(Math.min(...guarded) < 50, said);
    });
  });

  describe('prompt decorator', () => {
    it('GIVEN a system prompt to prepend and a message to append THEN both reach the upstream around the client\'s', async () => {
      const r = await post(url('decorated'), chat('What is a bond?'));
      assert.equal(r.status, 200);
      assert.deepEqual((mock.received[0]?.body as Sent).messages, [
        { role: 'system', content: 'You work for a regulated bank.' },
        { role: 'user', content: 'What is a bond?' },
        { role: 'user', content: 'Answer in plain language.' },
      ]);
    });

    it('GIVEN a completions-style body THEN Kong\'s chat-only 400', async () => {
      const r = await post(url('decorated'), { prompt: 'hi' });
      assert.deepEqual([r.status, r.json()], [400, { error: { message: 'this LLM route only supports llm/chat type requests' } }]);
    });
  });

  describe('prompt template', () => {
    it('GIVEN a {template://summarise} request THEN the rendered template is what the upstream gets', async () => {
      const r = await post(url('templated'), { messages: '{template://summarise}', properties: { words: 'five', text: 'gravity "pulls"' } });
      assert.equal(r.status, 200);
      assert.deepEqual((mock.received[0]?.body as Sent).messages, [{ role: 'user', content: 'Summarise in five words: gravity "pulls"' }]);
    });

    it('GIVEN untemplated requests are not allowed WHEN a plain chat arrives THEN Kong\'s 400', async () => {
      const r = await post(url('templated'), chat('hello'));
      assert.deepEqual([r.status, r.json()], [400, { error: { message: 'this LLM route only supports templated requests' } }]);
    });

    it('GIVEN a missing property THEN Kong\'s 400 naming it', async () => {
      const r = await post(url('templated'), { messages: '{template://summarise}', properties: { words: 'five' } });
      assert.deepEqual([r.status, r.json()], [400, { error: { message: 'missing template parameters: [text]' } }]);
    });
  });

  describe('AI transformers', () => {
    it('GIVEN a request transformer THEN its model sees the raw body and its rewrite reaches the upstream', async () => {
      mock.onModel('helper-mini', { text: JSON.stringify(chat('rewritten question')) });
      const r = await post(url('rewritten'), chat('original question'));
      assert.equal(r.status, 200);
      const [toHelper, toModel] = mock.received;
      assert.deepEqual((toHelper?.body as Sent).messages, [
        { role: 'system', content: 'Rewrite the request body.' },
        { role: 'user', content: JSON.stringify(chat('original question')) },
      ]);
      assert.equal((toModel?.body as { model?: string }).model, 'gpt-4o');
      assert.deepEqual((toModel?.body as Sent).messages, [{ role: 'user', content: 'rewritten question' }]);
    });

    it('GIVEN a response transformer THEN its rewrite of the upstream answer is what the client gets', async () => {
      mock.onModel('helper-mini', { text: '你好，世界' });
      const r = await post(url('translated'), chat('hello world'));
      assert.equal(r.status, 200);
      assert.equal(r.text, '你好，世界');
      assert.equal(r.headers['content-length'], String(Buffer.byteLength('你好，世界')));
      assert.equal(r.headers['x-aigate-served-by'], 'gpt-4o');
      // The helper was asked to rewrite the translated (OpenAI-format) answer of the model.
      const toHelper = mock.received[1]?.body as Sent;
      assert.match(toHelper.messages?.[1]?.content ?? '', /echo: hello world/);
    });

    it('GIVEN the transformer model fails THEN Kong\'s 400 "failed to introspect request with AI service"', async () => {
      mock.onModel('helper-mini', { status: 500 });
      const r = await post(url('rewritten'), chat('original question'));
      assert.equal(r.status, 400);
      assert.match((r.json() as { error: { message: string } }).error.message, /^failed to introspect request with AI service: /);
      assert.equal(mock.received.length, 1, 'the main model is not called');
    });

    it('GIVEN a stream on a route with a response transformer THEN the stream passes untransformed', async () => {
      const r = await post(url('translated'), { ...chat('hello'), stream: true });
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'text/event-stream');
      assert.equal(mock.received.length, 1);
    });
  });

  it('logs each request once, with no cache or limit outcome where none applies', () => {
    const entry = log.entries().find((e) => e.route === 'decorated' && e.status === 200);
    assert.equal(entry?.cache, null);
    assert.equal(entry?.limit, null);
    assert.equal(entry?.attempts, 1);
  });
});
