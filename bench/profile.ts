/** `npm run bench:profile`: where aigate's proxy spends its CPU under load, for the proxy's owner
 * when a bench goal is missed. Runs `aigate serve` (pinned as in the bench) with `--cpu-prof`,
 * loads it with autocannon for `--duration` seconds, stops it (the profile is written on exit) and
 * prints the functions with the most self time.
 *
 *   npm run bench:profile [-- --scenario json|stream] [-- --concurrency 64] [-- --duration 10] [-- --top 25] [-- --policies]
 *
 * The .cpuprofile is kept (its path is printed) to open in Chrome DevTools or speedscope. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad } from './load.ts';
import { CONSUMER_KEY, startAigate, startAigatePolicies } from './systems/aigate.ts';
import { freePort } from './systems/child.ts';
import { MODEL, startUpstream } from './upstream.ts';


interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time per function (name, file, line), largest first, in ms and % of the sampled time. */
export function selfTimes(profile: CpuProfile): { readonly fn: string; readonly ms: number; readonly pct: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    const where = f.url ? ` ${f.url.replace(/^file:\/\/.*?\/(node_modules|src|bench)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()].map(([fn, ms]) => ({ fn, ms, pct: (ms / total) * 100 })).sort((a, b) => b.ms - a.ms);
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'json' },
      concurrency: { type: 'string', default: '64' },
      duration: { type: 'string', default: '10' },
      top: { type: 'string', default: '25' },
      policies: { type: 'boolean', default: false },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'aigate-prof-'));
  const upstream = await startUpstream({ core: 0, port: await freePort() });
  try {
    const system = await (values.policies ? startAigatePolicies : startAigate)({ upstream, core: 1, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    if ('skipped' in system) throw new Error(system.skipped);
    const body = JSON.stringify({ model: MODEL, ...(values.scenario === 'stream' && { stream: true }), messages: [{ role: 'user', content: 'What is the capital of France?' }] });
    const result = await runLoad(
      { url: system.url, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench', ...(values.policies && { apikey: CONSUMER_KEY }) }, body, connections: Number(values.concurrency), warmupS: 1, durationS: Number(values.duration) },
      0,
    );
    await system.stop();
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error(`no .cpuprofile in ${dir}: did aigate serve exit cleanly on SIGTERM?`);
    const rows = selfTimes(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile).slice(0, Number(values.top));
    process.stdout.write(`aigate serve, ${values.scenario} c${values.concurrency}, ${values.duration} s: ${Math.round(result.rps)} req/s, p50 ${result.p50_ms?.toFixed(2)} ms\n`);
    process.stdout.write(`profile: ${join(dir, file)}\n\n  self ms   self %  function\n`);
    for (const r of rows) process.stdout.write(`${r.ms.toFixed(0).padStart(8)}  ${r.pct.toFixed(1).padStart(6)}%  ${r.fn}\n`);
  } finally {
    await upstream.close();
  }
}
