/** Deep partial matching: subsets of objects, arrays by index and length, headers with null for absent. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchHeaders, matchSubset } from './match.ts';

describe('matchSubset', () => {
  it('accepts a subset and reports each difference at its path', () => {
    const actual = { id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'Paris' } }], usage: { total_tokens: 5 } };
    assert.deepEqual(matchSubset({ choices: [{ message: { content: 'Paris' } }] }, actual, 'body'), []);
    assert.deepEqual(matchSubset({ choices: [{ message: { content: 'London' } }], usage: { prompt_tokens: 1 } }, actual, 'body'), [
      { path: 'body.choices[0].message.content', expected: 'London', actual: 'Paris' },
      { path: 'body.usage.prompt_tokens', expected: 1, actual: undefined, message: 'missing' },
    ]);
  });

  it('matches arrays element by element and wants the same length', () => {
    assert.deepEqual(matchSubset([{ role: 'user' }], [{ role: 'user', content: 'hi' }], 'm'), []);
    assert.equal(matchSubset([{ role: 'user' }], [{ role: 'system' }, { role: 'user' }], 'm')[0]?.message, 'expected 1 items, got 2');
  });

  it('compares scalars and says when the kind differs', () => {
    assert.deepEqual(matchSubset('Bonjour', 'Bonjour', 'body'), []);
    assert.equal(matchSubset({ a: 1 }, 'text', 'body')[0]?.message, 'expected an object, got string "text"');
    assert.deepEqual(matchSubset({ 'x-y': { 'a b': 1 } }, { 'x-y': { 'a b': 2 } }, 'h')[0]?.path, 'h.x-y["a b"]');
  });
});

describe('matchHeaders', () => {
  it('wants equal values, and null for absent, ignoring the case of names', () => {
    const actual = { 'x-consumer-username': 'alice', authorization: 'k' };
    assert.deepEqual(matchHeaders({ 'X-Consumer-Username': 'alice', apikey: null }, actual, 'h'), []);
    assert.deepEqual(
      matchHeaders({ authorization: null, 'x-consumer-username': 'bob' }, actual, 'h').map((m) => m.path),
      ['h.authorization', 'h.x-consumer-username'],
    );
  });
});
