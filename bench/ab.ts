/** `npm run bench:ab`: does a change make the proxy cheaper? Compares aigate serve as it is in this
 * checkout with aigate at another git revision (`--against REV`) and/or with extra node flags
 * (`--flags`), next to the bare pass-through, in CPU time per reply: the cost the bench's req/s
 * ratios follow once the proxy's core is saturated. `--floor` adds `bare-json`, the bare
 * pass-through plus the JSON work no proxy that reads the bodies can skip (systems/bare.ts), and
 * with `--policies` also `bare-policies`, that plus the policies' own work fused into one handler.
 *
 *   npm run bench:ab -- --against HEAD~1 [--flags="--no-parallel-scavenge"] [--floor] [--policies]
 *                       [--scenario json|stream] [--concurrency 64] [--slices 10] [--duration 3] [--load wrk|autocannon]
 *
 * Method: every system stays up for the whole run, pinned to the proxy core; each slice gives every
 * system `--duration` seconds of load in turn, in a rotating order, and reads its CPU time (user and
 * system, /proc) over the measured window. A one-off profile or run on a shared machine drifts by
 * more than the few µs a change is worth; slices taken in turn see the same drift, and the paired
 * difference per slice cancels most of it. `--against` checks the revision out into a temporary
 * git worktree (sharing this node_modules) and removes it afterwards. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneOfArg, parseOptions, positiveArg, usageError } from './args.ts';
import { loadGenerator } from './generator.ts';
import { median } from './stats.ts';
import { startAigate, startAigatePolicies } from './systems/aigate.ts';
import { startBare, startBareJson } from './systems/bare.ts';
import { startBarePolicies } from './systems/bare-policies.ts';
import { canPin, cpuTimesMs, freePort, loadAverage, pinLayout, ROOT } from './systems/child.ts';
import type { Skipped, StartContext, System } from './systems/system.ts';
import { answersChat, chatRequest, startUpstream } from './upstream.ts';

const { values: args } = parseOptions({
  options: {
    against: { type: 'string' },
    flags: { type: 'string' },
    policies: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    scenario: { type: 'string' },
    concurrency: { type: 'string' },
    slices: { type: 'string' },
    duration: { type: 'string' },
    load: { type: 'string' },
  },
} as const, ' (flags for node go as --flags="--a --b")');
if (args.against === undefined && args.flags === undefined && !args.floor) usageError('nothing to compare: give --against REV, --flags="…" or --floor');
const SCENARIO = oneOfArg(args.scenario, ['json', 'stream'], 'json', 'scenario');
const CONCURRENCY = positiveArg(args.concurrency, 64, 'concurrency', true);
const SLICES = positiveArg(args.slices, 10, 'slices', true);
const DURATION_S = positiveArg(args.duration, 3, 'duration', false);
const WARMUP_S = 1;
const LOAD = loadGenerator(args.load, [WARMUP_S, DURATION_S]);
const FLAGS = args.flags?.split(/\s+/).filter((f) => f !== '') ?? [];

/** One system of the comparison and what its slices measured (µs of CPU per reply, req/s). */
interface Contender {
  readonly label: string;
  readonly system: System;
  readonly user: number[];
  readonly sys: number[];
  readonly rps: number[];
}

/** `git worktree add` of `rev` in a temporary directory, sharing this checkout's node_modules. */
function worktree(rev: string): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'aigate-ab-'));
  const added = spawnSync('git', ['worktree', 'add', '--detach', dir, rev], { cwd: ROOT, encoding: 'utf8' });
  if (added.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    usageError(`--against ${rev}: git cannot check it out (${added.stderr.trim().split('\n').at(-1)}); give a commit, branch or tag of this repository`);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => void spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT }) };
}

async function slice(c: Contender, core: number): Promise<void> {
  const pid = c.system.pid as number;
  let before: ReturnType<typeof cpuTimesMs>;
  const r = await LOAD.run({ ...chatRequest(c.system, SCENARIO === 'stream'), connections: CONCURRENCY, warmupS: WARMUP_S, durationS: DURATION_S }, core, () => {
    before = cpuTimesMs(pid);
  });
  const after = cpuTimesMs(pid);
  if (r.non2xx > 0 || r.errors > 0) process.stderr.write(`warning: ${c.label}: ${r.non2xx} non-2xx, ${r.errors} errors in one slice\n`);
  if (before === undefined || after === undefined || r.ok === 0) throw new Error(`${c.label}: no CPU time or no replies measured`);
  c.user.push(((after.user - before.user) * 1000) / r.ok);
  c.sys.push(((after.system - before.system) * 1000) / r.ok);
  c.rps.push(r.rps);
}

const f1 = (n: number) => n.toFixed(1);
const signed = (n: number) => `${n >= 0 ? '+' : '−'}${f1(Math.abs(n))}`;
const totals = (c: Contender) => c.user.map((u, i) => u + (c.sys[i] as number));

function report(contenders: readonly Contender[]): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const bare = median(totals(contenders[0] as Contender)) as number;
  const width = Math.max(...contenders.map((c) => c.label.length));
  out(`\n${'system'.padEnd(width)}  CPU µs/reply (user + sys)     req/s  bare/system`);
  for (const c of contenders) {
    const cpu = median(totals(c)) as number;
    const parts = `(${f1(median(c.user) as number)} + ${f1(median(c.sys) as number)})`;
    out(`${c.label.padEnd(width)}  ${f1(cpu).padStart(12)} ${parts.padEnd(14)} ${String(Math.round(median(c.rps) as number)).padStart(8)}  ${(bare / cpu).toFixed(3).padStart(11)}`);
  }
  out('\nper slice, CPU µs/reply:');
  for (const c of contenders) out(`${c.label.padEnd(width)}  ${totals(c).map((t) => t.toFixed(0)).join(' ')}`);
  const [, mine, ...others] = contenders;
  if (mine === undefined) return;
  out('');
  for (const other of others) {
    const a = totals(mine);
    const b = totals(other);
    const diffs = a.map((x, i) => x - (b[i] as number)).sort((x, y) => x - y);
    out(`${mine.label} − ${other.label}: ${signed(median(diffs) as number)} µs per reply (median of ${diffs.length} paired slices; range ${signed(diffs[0] as number)} … ${signed(diffs.at(-1) as number)})`);
  }
}

const pin = pinLayout();
if (canPin()) spawnSync('taskset', ['-pc', String(pin.load), String(process.pid)], { stdio: 'ignore' });
const tree = args.against === undefined ? undefined : worktree(args.against);
const upstream = await startUpstream({ core: pin.upstream, port: await freePort() });
const contenders: Contender[] = [];
try {
  const start = args.policies ? startAigatePolicies : startAigate;
  const name = args.policies ? 'aigate-policies' : 'aigate';
  const base: StartContext = { upstream, core: pin.proxy };
  // Each entry starts one system; `bare` first, this checkout's aigate second (the report pairs against it).
  const wanted: { readonly label: string; readonly start: () => Promise<System | Skipped> }[] = [
    { label: 'bare', start: () => startBare(base) },
    { label: name, start: () => start(base) },
  ];
  if (args.floor) wanted.push({ label: 'bare-json', start: () => startBareJson(base) });
  if (args.floor && args.policies) wanted.push({ label: 'bare-policies', start: () => startBarePolicies(base) });
  if (tree) wanted.push({ label: `${name}@${args.against}`, start: () => start({ ...base, root: tree.dir }) });
  if (FLAGS.length > 0) wanted.push({ label: `${name} ${FLAGS.join(' ')}`, start: () => start({ ...base, nodeFlags: FLAGS }) });
  for (const w of wanted) {
    const system = await w.start();
    if ('skipped' in system) throw new Error(`${w.label}: ${system.skipped}`);
    contenders.push({ label: w.label, system, user: [], sys: [], rps: [] });
    await answersChat(system, SCENARIO === 'stream', w.label);
  }
  process.stderr.write(`bench:ab: ${LOAD.name}, ${SCENARIO} c${CONCURRENCY}, ${SLICES} slices of ${DURATION_S} s per system; ${pin.text}; load average ${loadAverage()}\n`);
  for (let i = 0; i < SLICES; i++) {
    for (let k = 0; k < contenders.length; k++) await slice(contenders[(i + k) % contenders.length] as Contender, pin.load);
    process.stderr.write(`  slice ${i + 1}/${SLICES}\n`);
  }
  report(contenders);
} finally {
  await Promise.all(contenders.map((c) => c.system.stop()));
  await upstream.close();
  tree?.remove();
}
