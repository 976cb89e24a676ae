/** `aigate serve` compiles a config in a child process: it serves what an in-process compile gives,
 * reports the same diagnostics, fails on a crash instead of hanging, and never loads the compiler. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emitTarget, loadModel } from '../../compile/index.ts';
import { bundleHash, loadBundle } from '../../proxy/index.ts';
import { findTarget } from '../targets.ts';
import { startServe, type ServeOptions } from './serve.ts';

const config = {
  name: 'serve-compile-test',
  providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'SERVE_COMPILE_TEST_AUTH' } } } },
  models: { 'gpt-4o': { provider: 'openai' } },
  routes: { chat: { path: '/chat', model: 'gpt-4o' } },
};
const opts: ServeOptions = { port: 0, host: '127.0.0.1', mock: false, adminPort: 0, log: 'none' };

describe('aigate serve compiles a config in a child process', () => {
  let dir: string;
  let file: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aigate-serve-compile-'));
    file = path.join(dir, 'gateway.config.ts');
    await writeFile(file, `export default ${JSON.stringify(config)};\n`);
    process.env.SERVE_COMPILE_TEST_AUTH = 'Bearer sk-test';
  });
  after(async () => {
    delete process.env.SERVE_COMPILE_TEST_AUTH;
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the bundle an in-process compile with the reference target gives', async () => {
    const model = await loadModel(file);
    assert.ok(model.ok);
    const emitted = emitTarget(model.value, findTarget('reference')!);
    assert.ok(emitted.ok);
    const expected = loadBundle(emitted.value[0]!.content);
    assert.ok(expected.ok);

    const serving = await startServe(file, opts);
    assert.ok(serving.ok);
    try {
      assert.equal(serving.value.proxy.current().hash, bundleHash(expected.value));
      assert.deepEqual(serving.warnings, [...model.warnings, ...emitted.warnings]);
    } finally {
      await serving.value.close();
    }
  });

  it('GIVEN an invalid config THEN its diagnostics come back whole: code, path, message, hint, file', async () => {
    const bad = path.join(dir, 'bad.config.json');
    await writeFile(bad, JSON.stringify({ name: 3 }));
    const inProcess = await loadModel(bad);
    assert.equal(inProcess.ok, false);

    const served = await startServe(bad, opts);
    assert.equal(served.ok, false);
    if (served.ok || inProcess.ok) return;
    assert.deepEqual(served.diagnostics, inProcess.diagnostics);
    assert.ok(served.diagnostics.some((d) => d.hint !== undefined && d.path.length > 0 && d.file === bad));
  });

  it('GIVEN a config that makes the compiler throw THEN startServe reports config_load_failed with the message', async () => {
    // A Proxy whose traps throw gets past the loader's checks and blows up in validation: a crash, not a diagnostic.
    const throwing = path.join(dir, 'throws.config.ts');
    await writeFile(
      throwing,
      `const boom = () => { throw new Error('config trap blew up'); };
export default new Proxy({}, { get: (_t, k) => (k === 'then' ? undefined : boom()), ownKeys: boom, has: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: () => Object.prototype });
`,
    );
    const r = await startServe(throwing, opts);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.diagnostics[0]?.code, 'config_load_failed');
    assert.match(r.diagnostics[0]?.message ?? '', /config trap blew up/);
    assert.equal(r.diagnostics[0]?.file, throwing);
  });

  it('never loads the compiler, the targets, zod, jiti or recheck into the serving process', () => {
    // A resolve hook sees every import and require of the process it runs in, and only that one.
    const script = `
      import { registerHooks } from 'node:module';
      const seen = new Set();
      registerHooks({ resolve: (specifier, context, next) => { const r = next(specifier, context); seen.add(r.url); return r; } });
      const { startServe } = await import(${JSON.stringify(new URL('./serve.ts', import.meta.url).href)});
      const serving = await startServe(${JSON.stringify(file)}, ${JSON.stringify(opts)});
      if (!serving.ok) throw new Error(JSON.stringify(serving.diagnostics));
      await serving.value.close();
      process.stdout.write(JSON.stringify([...seen]));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const loaded = JSON.parse(r.stdout) as string[];
    assert.ok(loaded.some((url) => url.includes('/src/proxy/')), 'the hook saw the proxy load');
    assert.deepEqual(loaded.filter((url) => /\/src\/(compile|spec|load|dsl)\/|\/targets\/|\/node_modules\/(zod|jiti|recheck)\//.test(url)), []);
  });
});
