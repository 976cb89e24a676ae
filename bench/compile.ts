/** `npm run bench:compile`: cold CLI time of `aigate compile --target deck` on generated configs
 * with 1,000 and 10,000 routes and consumers (median of 5 runs each), as TypeScript and as JSON. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 5;
const SIZES = [1_000, 10_000];
const bin = fileURLToPath(new URL('../bin/aigate.mjs', import.meta.url));

function generate(n: number) {
  const providers = {
    openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_AUTH' } } },
    anthropic: { kind: 'anthropic', auth: { header: 'x-api-key', value: { env: 'ANTHROPIC_KEY' } } },
  };
  const models = {
    gpt: { provider: 'openai', model: 'gpt-4o', options: { maxTokens: 512 } },
    claude: { provider: 'anthropic', model: 'claude-sonnet-4-5' },
  };
  const routes: Record<string, unknown> = {};
  const consumers: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    routes[`route-${i}`] = { path: `/r/${i}`, model: i % 2 ? 'gpt' : 'claude', auth: i % 3 === 0 };
    consumers[`user-${i}`] = { groups: ['team'], keys: [{ env: `USER_${i}_KEY` }] };
  }
  return { name: 'bench', providers, models, routes, consumers, consumerGroups: { team: {} } };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeCompile(config: string, out: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, 'compile', config, '--target', 'deck', '--out', out], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`compile failed (${r.status}): ${r.stderr}`);
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'aigate-bench-'));
const rows: { format: string; size: number; median_ms: number; runs_ms: number[] }[] = [];
try {
  for (const size of SIZES) {
    const config = generate(size);
    const files = {
      ts: [join(dir, `gateway-${size}.config.ts`), `export default ${JSON.stringify(config)};\n`],
      json: [join(dir, `gateway-${size}.json`), JSON.stringify(config)],
    } as const;
    for (const [format, [file, text]] of Object.entries(files)) {
      writeFileSync(file, text);
      const runs = Array.from({ length: RUNS }, () => timeCompile(file, join(dir, 'deck.yaml')));
      rows.push({ format, size, median_ms: Math.round(median(runs)), runs_ms: runs.map(Math.round) });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  process.stdout.write(`aigate compile --target deck, cold CLI, median of ${RUNS} (node ${process.version})\n\n`);
  process.stdout.write('format  routes+consumers  median ms  runs ms\n');
  for (const r of rows) process.stdout.write(`${r.format.padEnd(8)}${String(r.size).padEnd(18)}${String(r.median_ms).padEnd(11)}${r.runs_ms.join(' ')}\n`);
  for (const format of ['ts', 'json']) {
    const [a, b] = SIZES.map((s) => rows.find((r) => r.format === format && r.size === s)!.median_ms);
    process.stdout.write(`${format}: 10x the config takes ${(b! / a!).toFixed(1)}x the time\n`);
  }
}
