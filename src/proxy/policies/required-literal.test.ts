/** The guard's literal prefilter may only ever skip prompts RE2 would not match. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePattern } from './regex.ts';
import { requiredLiterals } from './required-literal.ts';

describe('requiredLiterals', () => {
  it('finds the plain runs every match contains', () => {
    assert.deepEqual(requiredLiterals('password'), ['password']);
    assert.deepEqual(requiredLiterals('api[ _-]?key'), ['api', 'key']);
    assert.deepEqual(requiredLiterals('ignore (all|previous) instructions'), ['ignore ', ' instructions']);
    assert.deepEqual(requiredLiterals('^secret-\\d+ token$'), ['secret-', ' token']);
    assert.deepEqual(requiredLiterals('colou?r scheme'), ['colo', 'r scheme']);
    assert.deepEqual(requiredLiterals('ab{2}cd'), ['a', 'cd']);
  });

  it('says nothing when no single literal is required', () => {
    for (const p of ['cat|dog', '(?i)password', 'a?b?c?', '[a-z]+', '\\d{3}\\s\\d{4}', '.*', '']) assert.equal(requiredLiterals(p), undefined, p);
  });

  it('never claims a literal a matching text lacks (differential check against RE2)', () => {
    const patterns = [
      'password', 'api[ _-]?key', 'ignore (all|previous) instructions', 'colou?r', 'ab{2}c', 'x(yz)*w', 'a\\.b', 'foo(bar|baz)qux',
      '[|]pipe', 'a\\|b', 'ab+c', 'key: *[A-Z0-9]{8}', 'don\'t stop', 'ssn \\d{3}', 'a{1,}b', 'q(?:uu)?e', '[]x]y',
    ];
    const alphabet = ['a', 'b', 'c', 'x', 'y', 'z', 'w', 'k', 'e', 'q', 'u', '.', '|', ' ', ':', 'A', '0', '1', "'", 'password', 'api key', 'apikey',
      'colour', 'color', 'abbc', 'xw', 'xyzw', 'foobarqux', '|pipe', 'a|b', 'abbbc', 'key: AB12CD34', "don't stop", 'ssn 123', 'aab', 'quue', ']y',
      'ignore all instructions', 'ignore previous instructions', 'ignore some instructions', 'a.b', 'qe', 'xy'];
    let seed = 7;
    // xorshift32: the same texts every run.
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    for (const p of patterns) {
      const re = compilePattern(p);
      assert.ok(re.ok, p);
      const lits = requiredLiterals(p) ?? [];
      let matched = 0;
      for (let i = 0; i < 400; i++) {
        let text = '';
        for (let k = rand(6); k >= 0; k--) text += alphabet[rand(alphabet.length)];
        if (re.value.test(text) && ++matched) for (const lit of lits) assert.ok(text.includes(lit), `${p} matches ${JSON.stringify(text)} without ${JSON.stringify(lit)}`);
      }
      assert.ok(matched > 0, `no generated text matched ${p}: the check would prove nothing`);
    }
  });
});
