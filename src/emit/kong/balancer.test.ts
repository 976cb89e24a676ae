/** ai-proxy-advanced's balancer from a route's: every field explicit, non_idempotent added so POSTs
 * fail over, weights per target, and least-connections only where Kong has it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KongVersion } from '../../model/index.ts';
import { checkPlugin } from '../../../targets/deck/schema-check.ts';
import { defaultBalancer, gateway, model, route, type Doc } from '../../../test/support/models.ts';
import { clean } from '../serialize.ts';
import { aiProxyPlugin } from './ai-proxy.ts';
import { createKongContext } from './context.ts';

function proxy(version: KongVersion, balancer: Partial<ReturnType<typeof defaultBalancer>>) {
  const r = route('chat', ['a', 'b'], { balancer: { ...defaultBalancer(['a', 'b']), ...balancer } });
  const ctx = createKongContext(gateway({ version, models: [model('a', 'openai', 'gpt-4o'), model('b', 'openai', 'gpt-4o-mini')], routes: [r] }), 't');
  return { plugin: clean(aiProxyPlugin(ctx, r)) as Doc, diagnostics: ctx.diagnostics };
}

describe('Kong balancer', () => {
  it('GIVEN priority with weights, retries, failover and timeouts WHEN built THEN each is written, with non_idempotent, valid on 3.15 and 3.10', () => {
    for (const v of ['3.15', '3.10'] as const) {
      // GIVEN / WHEN
      const { plugin, diagnostics } = proxy(v, {
        algorithm: 'priority',
        weights: { a: 10, b: 1 },
        retries: 1,
        failover: ['error', 'http_429'],
        connectTimeoutMs: 1000,
        readTimeoutMs: 2000,
        writeTimeoutMs: 3000,
        hashOnHeader: 'X-User',
        latency: 'e2e',
        usage: 'cost',
      });
      // THEN
      assert.deepEqual(diagnostics, []);
      assert.deepEqual(checkPlugin(plugin, v), []);
      assert.deepEqual(plugin.config.targets.map((t: Doc) => t.weight), [10, 1]);
      assert.deepEqual(plugin.config.balancer, {
        algorithm: 'priority',
        retries: 1,
        failover_criteria: ['error', 'http_429', 'non_idempotent'],
        connect_timeout: 1000,
        read_timeout: 2000,
        write_timeout: 3000,
        hash_on_header: 'X-User',
        latency_strategy: 'e2e',
        tokens_count_strategy: 'cost',
      });
    }
  });

  it('GIVEN least-connections WHEN built for 3.13 and 3.12 THEN written on 3.13, unsupported_by_target on 3.12', () => {
    assert.deepEqual(proxy('3.13', { algorithm: 'least-connections' }).diagnostics, []);
    assert.deepEqual(proxy('3.15', { algorithm: 'least-connections' }).plugin.config.balancer.algorithm, 'least-connections');
    const { diagnostics } = proxy('3.12', { algorithm: 'least-connections' });
    assert.deepEqual(diagnostics.map((d) => [d.code, d.path.join('.')]), [['unsupported_by_target', 'routes.chat.balancer.algorithm']]);
  });
});
