/** The mock front: replies per model in call order, the echo after them, the call recorded as the
 * gateway sent it, and faults passed through (a reset stays a broken connection). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { startMockProviders, type MockProviders } from '../mock/index.ts';
import { startMockFront, type MockFront } from './mock-front.ts';

describe('mock front', () => {
  let mock: MockProviders;
  let front: MockFront;
  before(async () => {
    mock = await startMockProviders();
    front = await startMockFront({ mock });
  });
  after(async () => {
    await front.close();
    await mock.close();
  });

  const ask = (model: string) =>
    request(`${front.baseFor(model)}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });

  it('answers each model with its own replies, in order, then the echo', async () => {
    front.reset();
    front.queue('a', [{ status: 429 }, { text: 'second' }]);
    front.queue('b', [{ text: 'for b' }]);
    const b = await ask('b');
    assert.equal(((await b.body.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content, 'for b');
    assert.equal((await ask('a')).statusCode, 429);
    const second = (await (await ask('a')).body.json()) as { choices: { message: { content: string } }[] };
    assert.equal(second.choices[0]?.message.content, 'second');
    const echo = (await (await ask('a')).body.json()) as { choices: { message: { content: string } }[] };
    assert.equal(echo.choices[0]?.message.content, 'echo: hi');
    assert.deepEqual(front.calls.map((c) => [c.model, c.status]), [['b', 200], ['a', 429], ['a', 200], ['a', 200]]);
    assert.equal(front.calls[0]?.headers['x-test'], 'yes');
    assert.equal(front.calls[0]?.dialect, 'openai-chat');
  });

  it('passes a reset on as a broken connection', async () => {
    front.reset();
    front.queue('a', [{ fault: 'reset' }]);
    await assert.rejects(async () => (await ask('a')).body.text());
    assert.equal(front.calls[0]?.status, 0);
  });
});
