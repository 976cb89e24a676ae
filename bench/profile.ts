/** `npm run bench:profile`: where aigate's proxy spends its CPU under load, for the proxy's owner
 * when a bench goal is missed. Runs `aigate serve` (pinned as in the bench) with `--cpu-prof`,
 * loads it with the bench's load generator (wrk when installed; `--load autocannon`) for
 * `--duration` seconds, stops it (the profile is written on exit) and
 * prints the functions with the most self time, in ms and in µs per reply; with `--tree PATTERN`,
 * the call tree under every function whose `name file:line` matches PATTERN, in inclusive µs per
 * reply (e.g. `--tree '^runPipeline'`, `--tree '^onResponseEnd src'`).
 *
 *   npm run bench:profile [-- --scenario json|stream] [-- --concurrency 64] [-- --duration 10] [-- --top 25] [-- --policies]
 *                         [-- --tree PATTERN [--depth 4]] [-- --load wrk|autocannon]
 *
 * Per reply means over every reply of the run, warm-up included, and the profile also holds serve's
 * start: compare two profiles' numbers, not one against a bench row. The .cpuprofile is kept (its
 * path is printed) to open in Chrome DevTools or speedscope. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneOfArg, parseOptions, patternArg, positiveArg } from './args.ts';
import { loadGenerator } from './generator.ts';
import { startAigate, startAigatePolicies } from './systems/aigate.ts';
import { freePort } from './systems/child.ts';
import { chatRequest, startUpstream } from './upstream.ts';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
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
    const node = byId.get(id);
    if (!node) return;
    const key = frameName(node);
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()].map(([fn, ms]) => ({ fn, ms, pct: (ms / total) * 100 })).sort((a, b) => b.ms - a.ms);
}

/** `name file:line`, the file relative to node_modules/, src/ or bench/ when it is there. */
function frameName(node: ProfileNode): string {
  const f = node.callFrame;
  const where = f.url ? ` ${f.url.replace(/^file:\/\/.*?\/(node_modules|src|bench)\//, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'}${where}`;
}

export interface TreeLine {
  readonly depth: number;
  readonly fn: string;
  /** Inclusive and self time, ms. */
  readonly ms: number;
  readonly selfMs: number;
}

/** The call tree under every frame whose name matches `pattern` (the outermost match on each path),
 * merged by name, `depth` levels deep, dropping subtrees under `minMs`; largest first. */
export function callTree(profile: CpuProfile, pattern: RegExp, depth: number, minMs: number): TreeLine[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const inclusive = new Map<number, number>();
  const inclusiveOf = (id: number): number => {
    let ms = inclusive.get(id);
    if (ms === undefined) {
      ms = (self.get(id) ?? 0) + (byId.get(id)?.children ?? []).reduce((sum, c) => sum + inclusiveOf(c), 0);
      inclusive.set(id, ms);
    }
    return ms;
  };
  interface Merged {
    ms: number;
    selfMs: number;
    readonly children: Map<string, Merged>;
  }
  const root: Merged = { ms: 0, selfMs: 0, children: new Map() };
  const merge = (into: Merged, id: number, level: number): void => {
    const node = byId.get(id) as ProfileNode;
    const name = frameName(node);
    let m = into.children.get(name);
    if (m === undefined) into.children.set(name, (m = { ms: 0, selfMs: 0, children: new Map() }));
    m.ms += inclusiveOf(id);
    m.selfMs += self.get(id) ?? 0;
    if (level + 1 < depth) for (const c of node.children ?? []) merge(m, c, level + 1);
  };
  const find = (id: number): void => {
    const node = byId.get(id) as ProfileNode;
    if (pattern.test(frameName(node))) return merge(root, id, 0);
    for (const c of node.children ?? []) find(c);
  };
  const first = profile.nodes[0];
  if (first !== undefined) find(first.id);
  const lines: TreeLine[] = [];
  const walk = (m: Merged, level: number): void => {
    for (const [fn, child] of [...m.children].sort((a, b) => b[1].ms - a[1].ms)) {
      if (child.ms < minMs) continue;
      lines.push({ depth: level, fn, ms: child.ms, selfMs: child.selfMs });
      walk(child, level + 1);
    }
  };
  walk(root, 0);
  return lines;
}

if (import.meta.main) {
  const { values } = parseOptions({
    options: {
      scenario: { type: 'string' },
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      top: { type: 'string' },
      policies: { type: 'boolean', default: false },
      tree: { type: 'string' },
      depth: { type: 'string' },
      load: { type: 'string' },
    },
  });
  const scenario = oneOfArg(values.scenario, ['json', 'stream'], 'json', 'scenario');
  const concurrency = positiveArg(values.concurrency, 64, 'concurrency', true);
  const duration = positiveArg(values.duration, 10, 'duration', false);
  const top = positiveArg(values.top, 25, 'top', true);
  const depth = positiveArg(values.depth, 4, 'depth', true);
  const load = loadGenerator(values.load, [duration]);
  const tree = values.tree === undefined ? undefined : patternArg(values.tree, 'tree');
  const dir = mkdtempSync(join(tmpdir(), 'aigate-prof-'));
  const upstream = await startUpstream({ core: 0, port: await freePort() });
  try {
    const system = await (values.policies ? startAigatePolicies : startAigate)({ upstream, core: 1, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    if ('skipped' in system) throw new Error(system.skipped);
    const result = await load.run({ ...chatRequest(system, scenario === 'stream'), connections: concurrency, warmupS: 1, durationS: duration }, 0);
    await system.stop();
    // Worker threads (a policy's may start one) write profiles of their own: the serving thread's is the largest.
    const file = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => ({ f, size: statSync(join(dir, f)).size }))
      .sort((a, b) => b.size - a.size)[0]?.f;
    if (file === undefined) throw new Error(`no .cpuprofile in ${dir}: did aigate serve exit cleanly on SIGTERM?`);
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const replies = result.ok + result.warmupOk;
    const perReply = (ms: number) => ((ms * 1000) / Math.max(1, replies)).toFixed(2).padStart(7);
    process.stdout.write(`aigate serve, ${scenario} c${concurrency}, ${duration} s of ${load.name}: ${Math.round(result.rps)} req/s, p50 ${result.p50_ms?.toFixed(2)} ms; ${replies} replies in the profile\n`);
    process.stdout.write(`profile: ${join(dir, file)}\n`);
    if (tree !== undefined) {
      process.stdout.write(`\n µs/reply   self  call tree under ${tree} (inclusive)\n`);
      const minMs = (0.05 * replies) / 1000; // hide what costs under 0.05 µs per reply
      for (const l of callTree(profile, tree, depth, minMs)) process.stdout.write(`${perReply(l.ms)} ${perReply(l.selfMs)}  ${'  '.repeat(l.depth)}${l.fn}\n`);
    } else {
      process.stdout.write(`\n  self ms   self %  µs/reply  function\n`);
      for (const r of selfTimes(profile).slice(0, top)) process.stdout.write(`${r.ms.toFixed(0).padStart(8)}  ${r.pct.toFixed(1).padStart(6)}%  ${perReply(r.ms)}  ${r.fn}\n`);
    }
  } finally {
    await upstream.close();
  }
}
