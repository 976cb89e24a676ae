import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Histogram, Registry } from 'prom-client';
import { BucketHistogram } from './bucket-histogram.ts';

describe('BucketHistogram', () => {
  it('renders exactly what prom-client’s Histogram renders for the same observations', async () => {
    const bounds = [250, 500, 1000, 60000];
    const values = [0, 12.5, 250, 250.01, 499, 1000, 59999, 60000, 60001, 123456];
    const a = new Registry();
    const theirs = new Histogram({ name: 'lat_ms', help: 'Latency.', labelNames: ['route', 'status'], buckets: bounds, registers: [a] });
    const b = new Registry();
    const ours = new BucketHistogram('lat_ms', 'Latency.', bounds, b);
    const one = ours.series({ route: 'chat', status: '200' });
    const two = ours.series({ route: 'embed "x"', status: '502' });
    ours.series({ route: 'never', status: '200' }); // nothing observed: not rendered
    for (const v of values) {
      theirs.observe({ route: 'chat', status: '200' }, v);
      ours.observe(one, v);
    }
    theirs.observe({ route: 'embed "x"', status: '502' }, 3);
    ours.observe(two, 3);
    assert.equal(await b.metrics(), await a.metrics());
  });

  it('GIVEN a reset THEN every series starts from zero', async () => {
    const r = new Registry();
    const h = new BucketHistogram('x_ms', 'X.', [10], r);
    const s = h.series({ route: 'a' });
    h.observe(s, 5);
    r.resetMetrics();
    h.observe(s, 50);
    const text = await r.metrics();
    assert.match(text, /x_ms_bucket\{le="10",route="a"\} 0/);
    assert.match(text, /x_ms_count\{route="a"\} 1/);
    assert.match(text, /x_ms_sum\{route="a"\} 50/);
  });
});
