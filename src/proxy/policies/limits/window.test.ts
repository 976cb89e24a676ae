import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rateOf, secondsToWindowEnd, secondsUntilRate, windowAt } from './window.ts';

describe('limit windows', () => {
  it('aligns windows to the epoch and weights the previous window by its remaining overlap', () => {
    const v = windowAt(125_000, 60, 'sliding'); // 2 min 5 s
    assert.deepEqual(v, { start: 120, elapsed: 5, weight: 55 / 60 });
    assert.equal(rateOf(v, 60, 10), 60 * (55 / 60) + 10);
    assert.equal(windowAt(125_000, 60, 'fixed').weight, 0);
  });

  it('GIVEN a fixed window THEN the wait is the time left in it', () => {
    const v = windowAt(125_000, 60, 'fixed');
    assert.equal(secondsToWindowEnd(v, 60), 55);
    assert.equal(secondsUntilRate(v, 60, 'fixed', 0, 100, 99), 55);
  });

  it('GIVEN a sliding window full from the previous window THEN the wait is until enough of it decays', () => {
    const v = windowAt(90_000, 60, 'sliding'); // 30 s into the window: weight 0.5
    // previous 100, current 0: rate 50; to reach 25 the weight must fall to 0.25, 15 s later.
    assert.equal(secondsUntilRate(v, 60, 'sliding', 100, 0, 25), 15);
  });

  it('GIVEN a sliding window whose current window alone exceeds the target THEN the wait runs into the next window', () => {
    const v = windowAt(90_000, 60, 'sliding');
    // current 100, target 50: 30 s to the end, then half of the next window.
    assert.equal(secondsUntilRate(v, 60, 'sliding', 0, 100, 50), 60);
    assert.equal(secondsUntilRate(v, 60, 'sliding', 0, 10, 20), 0);
  });
});
