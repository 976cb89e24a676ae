import assert from 'node:assert/strict';
import { test } from 'node:test';
import { error, hasErrors, warning } from './diagnostic.ts';

test('warning() is error() with severity warning, hint kept, and does not count as an error', () => {
  const w = warning('usage', ['routes', 'chat'], 'something to know', 'a hint');
  assert.deepEqual(w, { ...error('usage', ['routes', 'chat'], 'something to know', 'a hint'), severity: 'warning' });
  assert.equal('hint' in warning('usage', [], 'no hint'), false);
  assert.equal(hasErrors([w]), false);
  assert.equal(hasErrors([w, error('usage', [], 'x')]), true);
});
