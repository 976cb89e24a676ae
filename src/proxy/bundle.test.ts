/** Reading bundles: versions this proxy does not speak are refused with both versions named and a
 * way out; references are checked; the hash ignores key order. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startServe } from '../cli/commands/serve.ts';
import { BUNDLE_VERSION, MODEL_FORMAT_VERSION } from '../model/index.ts';
import { bundleHash, canonicalJson, loadBundle } from './bundle.ts';
import { bundle, model, route } from './testing/gateway.ts';

const good = bundle({ providers: [{ name: 'openai', kind: 'openai', allowAuthOverride: false }], models: [model('gpt-4o', 'openai')], routes: [route('chat', ['gpt-4o'])] });

describe('loadBundle', () => {
  it('accepts a bundle of this version, as JSON text or as a value', () => {
    assert.ok(loadBundle(JSON.stringify(good)).ok);
    assert.ok(loadBundle(good).ok);
  });

  it('refuses a newer bundleVersion, naming both versions and how to fix it', () => {
    const r = loadBundle({ ...good, bundleVersion: BUNDLE_VERSION + 1 });
    assert.ok(!r.ok);
    const [d] = r.diagnostics;
    assert.equal(d?.code, 'invalid_value');
    assert.deepEqual(d?.path, ['bundleVersion']);
    assert.equal(d?.message, `the bundle has bundleVersion ${BUNDLE_VERSION + 1}; this aigate reads bundleVersion ${BUNDLE_VERSION}`);
    assert.match(d?.hint ?? '', /recompile the config with this aigate/);
  });

  it('refuses another modelFormatVersion and another format', () => {
    const m = loadBundle({ ...good, modelFormatVersion: 0 });
    assert.ok(!m.ok);
    assert.equal(m.diagnostics[0]?.message, `the bundle has modelFormatVersion 0; this aigate reads modelFormatVersion ${MODEL_FORMAT_VERSION}`);
    const f = loadBundle({ ...good, format: 'something-else' });
    assert.ok(!f.ok);
    assert.deepEqual(f.diagnostics[0]?.path, ['format']);
    assert.ok(!loadBundle('not json').ok);
  });

  it('reports references the proxy would trip over', () => {
    const broken = { ...good, gateway: { ...good.gateway, routes: [route('chat', ['missing'])] } };
    const r = loadBundle(broken);
    assert.ok(!r.ok);
    assert.equal(r.diagnostics[0]?.code, 'unknown_reference');
    assert.deepEqual(r.diagnostics[0]?.path, ['gateway', 'routes', 0, 'models', 0]);
  });

  it('hashes the canonical JSON, so key order does not matter', () => {
    const reordered = JSON.parse(JSON.stringify({ gateway: good.gateway, modelFormatVersion: good.modelFormatVersion, bundleVersion: good.bundleVersion, format: good.format }));
    assert.equal(bundleHash(reordered), bundleHash(good));
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }), '{"a":[{"d":2}],"b":1}');
  });
});

describe('aigate serve with a bundle file', () => {
  it('refuses a bundle of another version before listening', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aigate-bundle-'));
    try {
      const file = path.join(dir, 'reference.bundle.json');
      await writeFile(file, JSON.stringify({ ...good, bundleVersion: 7 }));
      const r = await startServe(file, { port: 0, host: '127.0.0.1', mock: false, adminPort: 0 });
      assert.ok(!r.ok);
      assert.equal(r.diagnostics[0]?.file, file);
      assert.match(r.diagnostics[0]?.message ?? '', /bundleVersion 7; this aigate reads bundleVersion 1/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
