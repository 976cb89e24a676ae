/** Streaming is not buffered: with an upstream that sends a chunk every 50 ms, each translated frame
 * reaches the client as its upstream chunk is sent, so arrivals are spread like the sends. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import type { MockProviders } from '../mock/index.ts';
import type { ReferenceProxy } from './index.ts';
import { post, sseData } from './testing/client.ts';
import { bundle, model, route } from './testing/gateway.ts';
import { startMockedProxy } from '../../test/support/mocked-proxy.ts';

const INTERVAL_MS = 50;

describe('streaming through the proxy', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  before(async () => {
    ({ mock, proxy } = await startMockedProxy({
      bundle: bundle({
        providers: [
          { name: 'openai', kind: 'openai', allowAuthOverride: false },
          { name: 'anthropic', kind: 'anthropic', allowAuthOverride: false, anthropicVersion: '2023-06-01' },
        ],
        models: [model('gpt-4o', 'openai'), model('claude', 'anthropic')],
        routes: [route('openai', ['gpt-4o']), route('anthropic', ['claude'])],
      }),
      log: false,
    }));
    // Warm up: the first request through a route pays for connecting and compiling, not streaming.
    for (const path of ['/openai', '/anthropic']) await post(`${proxy.url}${path}`, { messages: [{ role: 'user', content: 'warm' }], stream: true });
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });

  for (const provider of ['openai', 'anthropic']) {
    it(`${provider}: delivers each chunk as the upstream sends it`, async (t) => {
      // GIVEN a mock upstream that sends one stream chunk every 50 ms
      mock.enqueue({ chunkIntervalMs: INTERVAL_MS, text: 'one two three four five six' });

      // WHEN a client streams through the proxy, noting when each chunk arrives (same clock as the mock's)
      const r = await request(`${proxy.url}/${provider}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'count' }], stream: true }),
      });
      const headersAt = Date.now();
      const arrivals: { at: number; text: string }[] = [];
      for await (const c of r.body as AsyncIterable<Buffer>) arrivals.push({ at: Date.now(), text: c.toString('utf8') });
      const sentAt = mock.received.at(-1)?.at ?? Number.NaN; // the mock writes its first chunk right then

      // THEN the headers came before the first chunk, the first chunk within 60 ms of being sent,
      const first = arrivals[0];
      const last = arrivals.at(-1);
      assert.ok(first && last);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'text/event-stream');
      const firstLag = first.at - sentAt;
      assert.ok(firstLag <= 60, `first chunk arrived ${firstLag} ms after the upstream sent it`);
      // AND the chunks arrived spread out like the upstream's sends, not in one burst
      const spread = last.at - first.at;
      assert.ok(arrivals.length >= 5, `${arrivals.length} chunks`);
      assert.ok(spread >= 150, `arrivals spread over ${spread} ms`);
      const gaps = arrivals.slice(1).map((a, i) => a.at - (arrivals[i] as { at: number }).at);
      t.diagnostic(`${provider}: headers +${headersAt - sentAt} ms, first chunk +${firstLag} ms after the upstream sent it; ${arrivals.length} chunks over ${spread} ms; gaps ${gaps.join('/')} ms`);
      // AND the stream is complete
      const data = sseData(arrivals.map((a) => a.text).join(''));
      assert.equal(data.at(-1), '[DONE]');
    });
  }

  it('decodes a provider that compresses its reply anyway, buffered and streamed', async () => {
    // GIVEN an upstream that gzips (each stream chunk flushed on its own)
    mock.enqueue({ gzip: true }, { gzip: true, chunkIntervalMs: 10 });
    // WHEN a buffered and a streamed chat go through
    const buffered = await post(`${proxy.url}/anthropic`, { messages: [{ role: 'user', content: 'zip it' }] });
    const streamed = await post(`${proxy.url}/anthropic`, { messages: [{ role: 'user', content: 'zip it' }], stream: true });
    // THEN both are translated from the decoded bytes and sent plain
    assert.equal(buffered.headers['content-encoding'], undefined);
    assert.equal((buffered.json() as { choices: { message: { content: string } }[] }).choices[0]?.message.content, 'echo: zip it');
    const text = sseData(streamed.text)
      .filter((d) => d !== '[DONE]')
      .map((d) => (JSON.parse(d) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('');
    assert.equal(text, 'echo: zip it');
    assert.equal(sseData(streamed.text).at(-1), '[DONE]');
  });
});
