/** `aigate test` as a user meets it: the example config passes; a broken expectation fails with a
 * readable difference and exit 1; --junit writes XML a CI system can read; --tap prints TAP 13; a
 * test naming something the config lacks is a config error (exit 2); and a real secret in the
 * environment never reaches a provider. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { testCommand } from '../src/cli/commands/test.ts';
import type { CommandIo } from '../src/cli/io.ts';

function capture(): CommandIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { env: {}, color: false, out: (t) => void (out += t), err: (t) => void (err += t), stdout: () => out, stderr: () => err };
}

const dir = mkdtempSync(join(tmpdir(), 'aigate-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A JSON config (no imports, so it loads from a temp folder) with one test that passes and one
 * whose expectation is wrong. */
function config(tests: unknown[]): string {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name: 'cli-test',
      providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_AUTH' } } } },
      models: { 'gpt-4o': { provider: 'openai' } },
      routes: { chat: { path: '/chat', model: 'gpt-4o', auth: true } },
      consumers: { alice: { keys: [{ env: 'ALICE_KEY' }] } },
      tests,
    }),
  );
  return file;
}

const PASSING = {
  name: 'alice gets Paris',
  request: { route: 'chat', consumer: 'alice', prompt: 'Capital of France?' },
  mock: { 'gpt-4o': { text: 'Paris' } },
  // The provider gets the mock placeholder, never the developer's real key.
  expect: { status: 200, body: { choices: [{ message: { content: 'Paris' } }] }, upstream: { headers: { authorization: 'aigate-mock-credential' } } },
};
const BROKEN = {
  name: 'alice gets London',
  request: { route: 'chat', consumer: 'alice', prompt: 'Capital of France?' },
  mock: { 'gpt-4o': { text: 'Paris' } },
  expect: { status: 200, body: { choices: [{ message: { content: 'London' } }] } },
};

describe('aigate test', () => {
  it('passes on the example config', async () => {
    const io = capture();
    const code = await testCommand('examples/gateway.config.ts', { tap: false }, io);
    assert.equal(code, 0, io.stdout() + io.stderr());
    assert.match(io.stdout(), /✔ alice reaches OpenAI with her key/);
    assert.match(io.stdout(), /6 tests, 6 passed/);
    assert.doesNotMatch(io.stdout(), /✖/);
  });

  it('fails a broken expectation with the difference at its path, exit 1', async () => {
    // GIVEN a real-looking secret in the environment
    process.env.OPENAI_AUTH = 'Bearer sk-real-secret';
    try {
      const io = capture();
      const code = await testCommand(config([PASSING, BROKEN]), { tap: false }, io);
      assert.equal(code, 1);
      const out = io.stdout();
      assert.match(out, /✔ alice gets Paris/);
      assert.match(out, /✖ alice gets London/);
      assert.match(out, /body\.choices\[0\]\.message\.content:\n\s+expected: "London"\n\s+actual: {3}"Paris"/);
      assert.match(out, /2 tests, 1 passed, 1 failed/);
      assert.doesNotMatch(out + io.stderr(), /sk-real-secret/);
    } finally {
      delete process.env.OPENAI_AUTH;
    }
  });

  it('GIVEN --junit at a path that cannot be written THEN write_failed naming the path, exit 2', async () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, '');
    const io = capture();
    const code = await testCommand(config([PASSING]), { tap: false, junit: join(blocker, 'junit.xml') }, io);
    assert.equal(code, 2);
    assert.match(io.stderr(), /could not write the JUnit report .*not-a-dir.* \[write_failed\]/);
  });

  it('writes JUnit XML with one testcase per test and one failure', async () => {
    const junit = join(dir, 'out', 'junit.xml');
    const code = await testCommand(config([PASSING, BROKEN]), { tap: false, junit }, capture());
    assert.equal(code, 1);
    const xml = readFileSync(junit, 'utf8');
    // A structural check: declaration, one suite with the counts, two cases, one failure, all closed.
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.match(xml, /<testsuite name="cli-test" tests="2" failures="1" errors="0" skipped="0" time="[\d.]+">/);
    assert.equal(xml.match(/<testcase /g)?.length, 2);
    assert.equal(xml.match(/<failure /g)?.length, 1);
    assert.equal(xml.match(/<\/failure>/g)?.length, 1);
    assert.equal((xml.match(/<testcase [^>]*\/>/g)?.length ?? 0) + (xml.match(/<\/testcase>/g)?.length ?? 0), 2);
    assert.match(xml, /<failure message="body\.choices\[0\]\.message\.content: expected &quot;London&quot;, got &quot;Paris&quot;"/);
    assert.match(xml, /<\/testsuite>\n<\/testsuites>\n$/);
  });

  it('prints TAP 13', async () => {
    const io = capture();
    await testCommand(config([PASSING, BROKEN]), { tap: true }, io);
    const tap = io.stdout();
    assert.match(tap, /^TAP version 13\n1\.\.2\nok 1 - alice gets Paris\nnot ok 2 - alice gets London\n {2}---\n/);
    assert.match(tap, /\n {2}\.\.\.\n$/);
  });

  it('runs only the tests --filter names', async () => {
    const io = capture();
    const code = await testCommand(config([PASSING, BROKEN]), { tap: false, filter: 'paris' }, io);
    assert.equal(code, 0);
    assert.match(io.stdout(), /1 test, 1 passed/);
  });

  it('exits 2 when a test names a route the config lacks', async () => {
    const io = capture();
    const code = await testCommand(config([{ name: 'typo', request: { route: 'caht', prompt: 'hi' } }]), { tap: false }, io);
    assert.equal(code, 2);
    assert.match(io.stderr(), /route "caht" is not defined/);
  });
});
