/** Policies across a hot reload: the new configuration's policies apply to the next request, a
 * request in flight finishes under the policies it started with, and limits kept in memory are
 * not reset by a reload. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pointAtMocks } from '../mock/point-at-mocks.ts';
import { startMockProviders, type MockProviders } from '../mock/index.ts';
import type { Policies } from '../model/index.ts';
import { startProxy, type ReferenceProxy } from './index.ts';
import { post } from './testing/client.ts';
import { bundle, model, route } from './testing/gateway.ts';

const chat = (content: string) => ({ messages: [{ role: 'user', content }] });
const decorate = (content: string): Policies['promptDecorator'] => ({ prepend: [{ role: 'system', content }], append: [] });
const twoPerMinute: Policies['limits'] = { limits: [{ limit: 2, windowSeconds: 60, count: 'requests', by: 'route' }], window: 'sliding', hideHeaders: false };

const config = (decorator: string, guarded: boolean) =>
  bundle({
    providers: [{ name: 'openai', kind: 'openai', allowAuthOverride: false }],
    models: [model('gpt-4o', 'openai')],
    routes: [
      route('chat', ['gpt-4o'], {
        policies: { promptDecorator: decorate(decorator), ...(guarded && { promptGuard: { deny: ['secret'], allow: [], matchAllRoles: false, latestOnly: false } }) },
      }),
      route('limited', ['gpt-4o'], { policies: { limits: twoPerMinute } }),
    ],
  });

describe('policies across a reload', () => {
  let mock: MockProviders;
  let proxy: ReferenceProxy;
  before(async () => {
    mock = await startMockProviders();
    const started = await startProxy({ bundle: config('before', false), admin: false, log: false, mock: true, upstreamUrlFor: pointAtMocks(mock.url) });
    assert.ok(started.ok);
    proxy = started.value;
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });

  it('GIVEN a request in flight WHEN the config changes THEN it finishes on its own policies and the next one gets the new ones', async () => {
    assert.equal((await post(`${proxy.url}/chat`, chat('tell me a secret'))).status, 200);
    mock.enqueue({ delayMs: 200 });
    const inFlight = post(`${proxy.url}/chat`, chat('slow one'));
    await sleep(50);
    assert.ok(proxy.reload(config('after', true)).ok);
    assert.equal((await inFlight).status, 200);
    const slow = mock.received.find((r) => JSON.stringify(r.body).includes('slow one'));
    assert.equal((slow?.body as { messages: { content: string }[] }).messages[0]?.content, 'before');
    const guarded = await post(`${proxy.url}/chat`, chat('tell me a secret'));
    assert.deepEqual([guarded.status, guarded.json()], [400, { error: { message: 'bad request' } }]);
    await post(`${proxy.url}/chat`, chat('fine'));
    assert.equal((mock.received.at(-1)?.body as { messages: { content: string }[] }).messages[0]?.content, 'after');
  });

  it('GIVEN a spent request limit WHEN the config is reloaded THEN the limit is still spent', async () => {
    assert.equal((await post(`${proxy.url}/limited`, chat('a'))).status, 200);
    assert.equal((await post(`${proxy.url}/limited`, chat('b'))).status, 200);
    assert.ok(proxy.reload(config('again', true)).ok);
    assert.equal((await post(`${proxy.url}/limited`, chat('c'))).status, 429);
  });
});
