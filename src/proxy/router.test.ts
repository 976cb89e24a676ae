/** Kong-like routing: anchored regex paths first, then the longest string prefix. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRouter } from './router.ts';

describe('createRouter', () => {
  const r = createRouter([
    { name: 'short', paths: ['/ai'], value: 'short' },
    { name: 'long', paths: ['/ai/chat'], value: 'long' },
    { name: 'regex', paths: ['~/v\\d+/ai'], value: 'regex' },
  ]);
  assert.ok(r.ok);
  const match = (p: string) => r.value.match(p);

  it('picks the longest matching prefix, which is a plain string prefix', () => {
    assert.equal(match('/ai/chat/x'), 'long');
    assert.equal(match('/ai/chatty'), 'long');
    assert.equal(match('/ai/other'), 'short');
    assert.equal(match('/other'), undefined);
  });

  it('anchors regex paths at the start and tries them first', () => {
    assert.equal(match('/v2/ai/chat'), 'regex');
    assert.equal(match('/x/v2/ai'), undefined);
  });

  it('reports a regex that does not compile, with its route and path index', () => {
    const bad = createRouter([{ name: 'broken', paths: ['/ok', '~/(unclosed'], value: 1 }]);
    assert.ok(!bad.ok);
    assert.equal(bad.diagnostics[0]?.code, 'invalid_regex');
    assert.deepEqual(bad.diagnostics[0]?.path, ['routes', 'broken', 'paths', 1]);
  });
});
