/** Limits shared by two proxy processes through one real Redis: two `aigate serve --mock` children,
 * each with its own Redis connection, take a burst of 50 parallel requests (half each) against one
 * 1,000-token-per-minute limit, and admit together what one proxy would admit alone. Were the
 * counters per process, each would admit about 12 of its 25 and together use about twice the limit. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { findRedisServer, startRedis, type TestRedis } from './policies/testing-redis.ts';
import { post, type Answer } from './testing/client.ts';
import { bundle, consumer, KEY_AUTH, model, route } from './testing/gateway.ts';

const redisServer = findRedisServer();
const CLI = new URL('../../bin/aigate.mjs', import.meta.url).pathname;
const LIMIT = 1000;
const RESERVED = 90; // 40 prompt words + max_tokens 50
const KEY = 'shared-limit-test-key';
const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
const body = { messages: [{ role: 'user', content: words }], max_tokens: 50 };

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stderr: string[];
}

/** `aigate serve <bundle> --mock` on free ports; resolves once its banner names the proxy URL. */
async function serve(file: string): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', file, '--mock', '--port', '0', '--admin-port', '0'], {
    env: { ...process.env, SHARED_TEAM_KEY: KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (c: Buffer) => stderr.push(c.toString()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aigate serve did not start: ${out}${stderr.join('')}`)), 15_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /proxy\s+(http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aigate serve exited with ${code}: ${out}${stderr.join('')}`));
    });
  });
  child.stdout?.resume();
  return { child, url, stderr };
}

async function stop(s: Served | undefined): Promise<void> {
  if (s === undefined || s.child.exitCode !== null) return;
  const exited = once(s.child, 'exit');
  s.child.kill('SIGTERM');
  await exited;
}

describe('one limit, two proxy processes, one Redis', { skip: redisServer ? false : 'redis-server is not installed' }, () => {
  let redis: TestRedis;
  let dir: string;
  let a: Served | undefined;
  let b: Served | undefined;
  const answers: { answer: Answer; proxy: 'a' | 'b' }[] = [];

  before(async () => {
    redis = await startRedis(redisServer as string);
    dir = mkdtempSync(join(tmpdir(), 'aigate-shared-limit-'));
    const file = join(dir, 'shared.bundle.json');
    const shared = bundle({
      name: 'shared-limit',
      providers: [{ name: 'openai', kind: 'openai', allowAuthOverride: false }],
      models: [model('gpt-4o', 'openai')],
      routes: [route('chat', ['gpt-4o'], { keyAuth: KEY_AUTH })],
      consumers: [consumer('team', 'SHARED_TEAM_KEY')],
      policies: { limits: { limits: [{ limit: LIMIT, windowSeconds: 60, count: 'total-tokens', by: 'consumer' }], window: 'sliding', hideHeaders: false } },
      redis: { host: '127.0.0.1', port: redis.port, database: 0, tls: false },
    });
    writeFileSync(file, JSON.stringify(shared));
    [a, b] = await Promise.all([serve(file), serve(file)]);
    const [urlA, urlB] = [a.url, b.url];
    // One small request each first, so neither proxy is still warming up (JIT, Redis script) when
    // the burst comes; they count against the same budget.
    for (const [proxy, url] of [['a', urlA], ['b', urlB]] as const) {
      answers.push({ proxy, answer: await post(`${url}/chat`, { messages: [{ role: 'user', content: 'hi' }] }, { headers: { apikey: KEY } }) });
    }
    // Each proxy takes every other request of one burst.
    const burst = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const proxy = i % 2 === 0 ? ('a' as const) : ('b' as const);
        const answer = await post(`${proxy === 'a' ? urlA : urlB}/chat`, body, { headers: { apikey: KEY } });
        return { answer, proxy };
      }),
    );
    answers.push(...burst);
  });
  after(async () => {
    await Promise.all([stop(a), stop(b)]);
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('THEN together they admit no more than the limit plus one in-flight request', (t) => {
    const admitted = answers.filter((x) => x.answer.status === 200);
    const used = admitted.reduce((n, x) => n + (x.answer.json() as { usage: { total_tokens: number } }).usage.total_tokens, 0);
    const byA = admitted.filter((x) => x.proxy === 'a').length;
    t.diagnostic(`admitted ${admitted.length} of 52 (${byA} by A, ${admitted.length - byA} by B), ${used} tokens used of ${LIMIT}`);
    assert.ok(used <= LIMIT + RESERVED, `${used} tokens used`);
    assert.ok(used > LIMIT - RESERVED, `only ${used} tokens used`);
    assert.ok(byA > 0 && admitted.length - byA > 0, 'both proxies served some');
    assert.equal(answers.filter((x) => x.answer.status === 429).length, 52 - admitted.length);
  });

  it("THEN both proxies refuse with Kong's 429 once the shared budget is spent", () => {
    for (const p of ['a', 'b'] as const) {
      const refused = answers.find((x) => x.proxy === p && x.answer.status === 429)?.answer;
      assert.ok(refused, `proxy ${p} refused nothing`);
      assert.deepEqual(refused.json(), { message: 'AI token rate limit exceeded for provider(s): openai' });
      assert.equal(refused.headers['x-ai-ratelimit-limit-60-global-total-tokens'], String(LIMIT));
      assert.ok(Number(refused.headers['retry-after']) >= 1);
    }
  });

  it('THEN the one counter in Redis holds what both used', async () => {
    const admitted = answers.filter((x) => x.answer.status === 200);
    const used = admitted.reduce((n, x) => n + (x.answer.json() as { usage: { total_tokens: number } }).usage.total_tokens, 0);
    const client = new Redis({ host: '127.0.0.1', port: redis.port });
    try {
      let total = Number.NaN;
      // Usage is recorded just after each response; give the last ones a moment.
      for (let i = 0; i < 50 && total !== used; i++) {
        const keys = await client.keys('aigate:shared-limit:rl:*');
        const values = await Promise.all(keys.map((k) => client.get(k)));
        total = values.reduce((n, v) => n + Number(v ?? 0), 0);
        if (total !== used) await sleep(20);
      }
      assert.equal(total, used);
    } finally {
      client.disconnect();
    }
  });
});
