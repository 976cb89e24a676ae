/** `aigate serve`: serves a config with --mock until told to stop, prints where to reach it and a
 * curl that works, and shuts down cleanly. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { serveCommand, startServe, tryCurl } from './serve.ts';
import { EXIT } from '../exit.ts';
import type { GatewayModel } from '../../model/index.ts';

const CLI = new URL('../../../bin/aigate.mjs', import.meta.url).pathname;

const config = {
  name: 'serve-test',
  providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'SERVE_TEST_OPENAI_AUTH' } } } },
  models: { 'gpt-4o': { provider: 'openai' } },
  routes: { chat: { path: '/chat', model: 'gpt-4o', auth: true } },
  consumers: { alice: { keys: [{ env: 'SERVE_TEST_ALICE_KEY' }] } },
};

describe('aigate serve', () => {
  let dir: string;
  let file: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aigate-serve-'));
    file = path.join(dir, 'gateway.config.json');
    await writeFile(file, JSON.stringify(config));
    process.env.SERVE_TEST_ALICE_KEY = 'serve-alice';
  });
  after(async () => {
    delete process.env.SERVE_TEST_ALICE_KEY;
    await rm(dir, { recursive: true, force: true });
  });

  it('serves with --mock until stopped, after printing the URLs and a curl', async () => {
    // GIVEN stdout captured, and a stop signal the test controls
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
    let stop!: () => void;
    const until = new Promise<void>((r) => (stop = r));
    try {
      // WHEN aigate serve starts on free ports
      const exit = serveCommand(file, { port: 0, host: '127.0.0.1', mock: true, adminPort: 0 }, until);
      while (!printed.join('').includes('Ctrl-C')) await new Promise((r) => setTimeout(r, 10));
      const banner = printed.join('');
      const url = /proxy {3}(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      assert.ok(url, banner);

      // THEN the proxy answers through the mocks, with the consumer's key
      const r = await request(`${url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json', apikey: 'serve-alice' }, body: '{"messages":[{"role":"user","content":"hi"}]}' });
      assert.equal(r.statusCode, 200);
      assert.match(await r.body.text(), /echo: hi/);
      assert.match(banner, /token: \S{32}/);
      assert.match(banner, /curl -s http:\/\/127\.0\.0\.1:\d+\/chat .*-H "apikey: \$SERVE_TEST_ALICE_KEY"/);

      // AND it stops cleanly when signalled
      stop();
      assert.equal(await exit, EXIT.ok);
      await assert.rejects(request(`${url}/chat`, { method: 'POST', body: '{}' }));
    } finally {
      process.stdout.write = write;
    }
  });

  it('GIVEN the aigate executable THEN serve runs with a bounded young generation, in the same process', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    const child = spawn(process.execPath, [CLI, 'serve', file, '--mock', '--port', '0', '--admin-port', '0', '--log', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      for await (const chunk of child.stdout) if ((out += String(chunk)).includes('Ctrl-C')) break;
      // The pid the caller started is the proxy (a supervisor or a pinned benchmark watches it).
      const cmdline = (await readFile(`/proc/${child.pid}/cmdline`, 'utf8')).split('\0');
      assert.ok(cmdline.includes('--max-semi-space-size=16'), cmdline.join(' '));
      assert.ok(cmdline.includes('serve'));
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('GIVEN --log FILE THEN each request appends its JSON line to the file, written out by the close', async () => {
    const logFile = path.join(dir, 'requests.log');
    const serving = await startServe(file, { port: 0, host: '127.0.0.1', mock: true, adminPort: 0, log: logFile });
    assert.ok(serving.ok);
    try {
      const r = await request(`${serving.value.proxy.url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json', apikey: 'serve-alice' }, body: '{"messages":[{"role":"user","content":"hi"}]}' });
      assert.equal(r.statusCode, 200);
      await r.body.text();
    } finally {
      await serving.value.close();
    }
    const lines = (await readFile(logFile, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!) as { route: string; consumer: string; status: number };
    assert.deepEqual([entry.route, entry.consumer, entry.status], ['chat', 'alice', 200]);
  });

  it('GIVEN --log with a file that cannot be written THEN serve refuses to start, saying so', async () => {
    const serving = await startServe(file, { port: 0, host: '127.0.0.1', mock: true, adminPort: 0, log: path.join(dir, 'missing', 'dir', 'x.log') });
    assert.equal(serving.ok, false);
    if (!serving.ok) assert.match(serving.diagnostics[0]?.message ?? '', /cannot write the request log/);
  });
});

describe('tryCurl', () => {
  it('uses the literal key when one is given (the demo), and a completions body on completions routes', () => {
    const g = {
      routes: [{ name: 'c', paths: ['~/regex', '/complete'], type: 'completions', keyAuth: { keyNames: ['x-key'] } }],
      consumers: [],
    } as unknown as GatewayModel;
    assert.equal(tryCurl('http://h:1', g, 'k1'), `curl -s http://h:1/complete -H 'content-type: application/json' -H 'x-key: k1' -d '{"prompt":"Hello!"}'`);
  });
});
