/** The CLI as a user runs it: exit codes, nothing half-written, --check, --format json. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/aigate.mjs');
const fixture = (p: string) => join(root, 'fixtures', p);
const dir = mkdtempSync(join(tmpdir(), 'aigate-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function aigate(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('aigate compile', () => {
  it('GIVEN a config with five mistakes WHEN compiled THEN five diagnostics with paths, exit 2, and no file', () => {
    const out = join(dir, 'five.yaml');
    const r = aigate('compile', fixture('invalid/031-five-mistakes/gateway.config.yaml'), '--target', 'deck', '-o', out);
    assert.equal(r.code, 2);
    assert.equal((r.stderr.match(/^✖ /gm) ?? []).length, 5, r.stderr);
    assert.equal((r.stderr.match(/→ at /g) ?? []).length, 5);
    assert.match(r.stderr, /5 errors/);
    assert.equal(existsSync(out), false);
  });

  it('GIVEN a valid config WHEN compiled twice THEN the bytes are identical', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    assert.equal(aigate('compile', fixture('valid/004-cohere-key-auth/gateway.config.ts'), '--target', 'deck', '-o', a).code, 0);
    assert.equal(aigate('compile', fixture('valid/004-cohere-key-auth/gateway.config.ts'), '--target', 'deck', '-o', b).code, 0);
    assert.equal(readFileSync(a, 'utf8'), readFileSync(b, 'utf8'));
  });

  it('GIVEN compiled output WHEN the config changes THEN --check exits 1, and 0 while it is fresh', () => {
    const config = join(dir, 'gateway.config.yaml');
    copyFileSync(fixture('valid/003-moonshot-yaml/gateway.config.yaml'), config);
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^\$schema:.*$/m, ''));
    const out = join(dir, 'deck-check.yaml');
    assert.equal(aigate('compile', config, '--target', 'deck', '-o', out).code, 0);
    assert.equal(aigate('compile', config, '--target', 'deck', '-o', out, '--check').code, 0);
    writeFileSync(config, readFileSync(config, 'utf8').replace('moonshot-v1-8k', 'moonshot-v1-32k'));
    const stale = aigate('compile', config, '--target', 'deck', '-o', out, '--check');
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /out of date \[output_stale\]/);
  });

  it('GIVEN --format json WHEN the config is invalid THEN stdout is the diagnostics as JSON', () => {
    const r = aigate('validate', fixture('invalid/016-unknown-provider/gateway.config.ts'), '--format', 'json');
    assert.equal(r.code, 2);
    const ds = JSON.parse(r.stdout) as { code: string; path: string; hint?: string }[];
    assert.deepEqual(ds.map((d) => d.code), ['unknown_reference']);
    assert.ok(ds[0]!.path.startsWith('models.'));
  });

  it('GIVEN a wrong flag or an unknown target WHEN run THEN exit 2', () => {
    assert.equal(aigate('compile', '--bogus').code, 2);
    assert.equal(aigate('compile', fixture('valid/001-openai-chat/gateway.config.ts'), '--target', 'nope').code, 2);
    assert.equal(aigate('validate', join(dir, 'missing.ts')).code, 2);
    const validate = aigate('validate', fixture('valid/001-openai-chat/gateway.config.ts'), '--target', 'nope');
    assert.equal(validate.code, 2);
    assert.match(validate.stderr, /unknown target "nope" \[target_unknown\]/);
  });

  it('GIVEN --help WHEN run THEN it lists the commands and exits 0', () => {
    const r = aigate('--help');
    assert.equal(r.code, 0);
    for (const c of ['validate', 'compile', 'schema', 'serve', 'diff', 'sync']) assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
  });

  it('GIVEN aigate schema WHEN run THEN it prints the committed JSON Schema', () => {
    const r = aigate('schema');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, readFileSync(join(root, 'schema/gateway.config.schema.json'), 'utf8'));
  });

  it('GIVEN conformance --report under a file WHEN run THEN write_failed with the path and a hint, exit 2, no stack trace', () => {
    const blocker = join(dir, 'report-blocker');
    writeFileSync(blocker, '');
    const r = aigate('conformance', '--gateway', 'reference', '--filter', 'key-auth-valid-key', '--report', join(blocker, 'reports'));
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /could not write the report in .*report-blocker.* \[write_failed\]\n {2}hint: nothing was changed on disk/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
