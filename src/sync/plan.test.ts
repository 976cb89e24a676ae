/** The plan: typed changes from two states, ordered by LEVELS, normalised before comparing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Resource } from './change.ts';
import { executeInOrder, formatEvent, type SyncEvent } from './execute.ts';
import { LEVELS, levelOf } from './levels.ts';
import { plan, summarise } from './plan.ts';

const r = (kind: string, name: string, body: unknown = {}): Resource => ({ kind, name, body });

describe('plan', () => {
  it('GIVEN live and desired states WHEN planned THEN creates and updates run top-down, deletions bottom-up', () => {
    // GIVEN
    const current = [r('HTTPRoute', 'old'), r('Secret', 'old-key'), r('KongPlugin', 'p', { config: { a: 1 } }), r('KongConsumer', 'same', { username: 'x' })];
    const desired = [r('HTTPRoute', 'new'), r('KongPlugin', 'p', { config: { a: 2 } }), r('KongConsumer', 'same', { username: 'x' }), r('Secret', 'key')];
    // WHEN
    const p = plan(current, desired);
    // THEN
    assert.deepEqual(
      p.changes.map((c) => `${c.op} ${c.kind}/${c.name}`),
      ['create Secret/key', 'update KongPlugin/p', 'create HTTPRoute/new', 'delete HTTPRoute/old', 'delete Secret/old-key'],
    );
    assert.deepEqual(p.unchanged, [{ kind: 'KongConsumer', name: 'same' }]);
    assert.deepEqual(summarise(p), { create: 2, update: 1, delete: 2, unchanged: 1 });
  });

  it('GIVEN prune off WHEN planned THEN nothing is deleted', () => {
    assert.deepEqual(plan([r('HTTPRoute', 'old')], [], { prune: false }).changes, []);
  });

  it('GIVEN a normaliser that keeps only desired fields WHEN the live side has server defaults THEN no change', () => {
    const project = (_k: string, v: unknown, against?: unknown) =>
      against === undefined ? v : Object.fromEntries(Object.entries(v as object).filter(([k]) => k in (against as object)));
    const p = plan([r('service', 's', { name: 's', id: 'uuid', retries: 5 })], [r('service', 's', { name: 's' })], { normalise: project });
    assert.deepEqual(p.changes, []);
  });

  it('GIVEN the same names in two namespaces WHEN planned THEN they are different objects', () => {
    const a = { ...r('KongPlugin', 'p'), namespace: 'a' };
    const b = { ...r('KongPlugin', 'p'), namespace: 'b' };
    assert.deepEqual(plan([a], [b]).changes.map((c) => `${c.op} ${c.namespace}`), ['create b', 'delete a']);
  });

  it('GIVEN key order differs WHEN compared THEN equal', () => {
    assert.equal(plan([r('X', 'x', { a: 1, b: [1, { c: 2, d: 3 }] })], [r('X', 'x', { b: [1, { d: 3, c: 2 }], a: 1 })]).changes.length, 0);
  });

  it('GIVEN the levels WHEN read THEN Secrets and consumers come before plugins and routes, unknown kinds last', () => {
    assert.ok(levelOf('Secret') < levelOf('KongConsumer') && levelOf('KongConsumer') < levelOf('KongPlugin') && levelOf('KongPlugin') < levelOf('HTTPRoute'));
    assert.ok(levelOf('route') < levelOf('plugin'));
    assert.ok(levelOf('Gateway') < levelOf('Provider') && levelOf('Provider') < levelOf('Model') && levelOf('Model') < levelOf('Route'));
    assert.ok(levelOf('ConsumerGroup') < levelOf('Consumer'));
    assert.equal(levelOf('Unheard'), LEVELS.length);
  });

  it('GIVEN every target\'s kinds WHEN listed THEN no kind is in two levels', () => {
    const all = LEVELS.flat();
    assert.deepEqual(all.filter((k, i) => all.indexOf(k) !== i), []);
  });
});

describe('executeInOrder', () => {
  it('GIVEN a failing apply WHEN executed THEN the rest still runs, deletions are held back, and every object is reported once', async () => {
    // GIVEN
    const p = plan([r('HTTPRoute', 'gone'), r('KongConsumer', 'same')], [r('Secret', 'bad'), r('KongConsumer', 'same'), r('HTTPRoute', 'ok')]);
    const events: SyncEvent[] = [];
    // WHEN
    const failures = await executeInOrder(
      p,
      async (c) => {
        if (c.name === 'bad') throw new Error('refused');
      },
      { dryRun: false, report: (e) => events.push(e) },
    );
    // THEN
    assert.deepEqual(events.map(formatEvent), ['unchanged KongConsumer/same', 'created HTTPRoute/ok']);
    assert.deepEqual(
      failures.map((f) => `${f.op} ${f.kind}/${f.name}: ${f.cause}`),
      ['create Secret/bad: refused', 'delete HTTPRoute/gone: not pruned: an earlier change failed, and pruning waits until everything else applied'],
    );
  });
});
