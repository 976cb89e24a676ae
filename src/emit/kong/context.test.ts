/** The shared Kong emit context: diagnostics tagged with the target, each said once. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gateway } from '../../../test/support/models.ts';
import { createKongContext } from './context.ts';

describe('Kong emit context', () => {
  it('GIVEN a target id WHEN problems are reported THEN each carries the target and is said once', () => {
    // GIVEN
    const ctx = createKongContext(gateway(), 'kong-ingress');
    // WHEN
    ctx.report('unsupported_by_target', ['routes', 'a'], 'no');
    ctx.report('unsupported_by_target', ['routes', 'a'], 'no');
    ctx.warn('unsupported_by_target', ['routes', 'a'], 'careful', 'a hint');
    // THEN
    assert.deepEqual(ctx.diagnostics, [
      { code: 'unsupported_by_target', severity: 'error', path: ['routes', 'a'], message: 'no', target: 'kong-ingress' },
      { code: 'unsupported_by_target', severity: 'warning', path: ['routes', 'a'], message: 'careful', hint: 'a hint', target: 'kong-ingress' },
    ]);
  });

  it('GIVEN no options WHEN created THEN the context declares no vaults and takes the model’s Kong version', () => {
    const ctx = createKongContext(gateway({ version: '3.12' }), 't');
    assert.equal(ctx.vaults.declared, false);
    assert.equal(ctx.version, '3.12');
  });
});
