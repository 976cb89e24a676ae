/** `npm run bench:count`: user-space instructions per reply, counted by valgrind's callgrind, for
 * each system at steady state. Instruction counts do not depend on what else the machine is doing:
 * two runs of the same code agree within ~1%, where CPU time per reply on these shared VMs moves by
 * 5–10% between runs. So this is the tool for "did this change make the proxy do less work?", and
 * for where the work goes (`--top`). It is not a speed measurement: it leaves out the kernel (the
 * same two reads and two writes per reply for every system) and memory stalls; `npm run bench`
 * stays the measurement of record.
 *
 * Each system runs under `valgrind --tool=callgrind` with counting off; this process sends
 * `--warmup` requests (V8 has compiled the hot paths once the count per reply stops moving), turns
 * counting on, sends `--requests` more at `--concurrency`, and dumps. Every thread is counted: the
 * main thread's GC (inclusive) is split from the rest, and V8's helper threads (parallel GC, the
 * optimising compilers) are reported apart. Systems run two at a time, one per core.
 *
 *   npm run bench:count [-- --system aigate,bare] [--top 30] [--warmup N] [--requests N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { listArg, parseOptions, positiveArg, usageError } from './args.ts';
import { startAigate, startAigatePolicies } from './systems/aigate.ts';
import { startBare, startBareJson } from './systems/bare.ts';
import { startBarePolicies } from './systems/bare-policies.ts';
import { freePort } from './systems/child.ts';
import { startPortkey } from './systems/portkey.ts';
import type { Skipped, StartContext, System } from './systems/system.ts';
import { answersChat, startUpstream } from './upstream.ts';

const STARTS = {
  bare: startBare,
  'bare-json': startBareJson,
  aigate: startAigate,
  'aigate-policies': startAigatePolicies,
  'bare-policies': startBarePolicies,
  portkey: startPortkey,
} as const satisfies Record<string, (ctx: StartContext) => Promise<System | Skipped>>;
type Name = keyof typeof STARTS;

const { values: args } = parseOptions({
  options: {
    system: { type: 'string' },
    warmup: { type: 'string' },
    requests: { type: 'string' },
    concurrency: { type: 'string' },
    top: { type: 'string' },
  },
} as const);
const picked: readonly Name[] = args.system === undefined ? ['bare', 'bare-json', 'aigate', 'aigate-policies'] : listArg(args.system, Object.keys(STARTS) as Name[], 'system');
const WARMUP = positiveArg(args.warmup, 80_000, 'warmup', true);
const REQUESTS = positiveArg(args.requests, 3_000, 'requests', true);
const CONCURRENCY = positiveArg(args.concurrency, 16, 'concurrency', true);
const TOP = args.top === undefined ? 0 : positiveArg(args.top, 0, 'top', true);
for (const tool of ['valgrind', 'callgrind_control', 'callgrind_annotate']) {
  if (spawnSync(tool, ['--version']).error) usageError(`${tool} is not installed (Debian: apt-get install valgrind)`);
}

/** Instructions per reply, by where they ran. */
interface Count {
  readonly name: Name;
  /** Main thread, outside garbage collection: the request path itself. */
  readonly mutator: number;
  /** Main thread, inside garbage collection. */
  readonly gc: number;
  /** V8's helper threads: parallel GC (and whatever else is not compiling). */
  readonly helpers: number;
  /** Optimising compilers, on any thread: near 0 once warm-up was long enough. */
  readonly compile: number;
  /** Self cost per function on the main thread, JIT code named from V8's perf map (`--top`). */
  readonly top: readonly (readonly [string, number])[];
}

/** Sends `n` copies of the bench's chat, `CONCURRENCY` at a time; any answer but 200 stops the run. */
async function send(system: System, { headers, body }: { readonly headers: Readonly<Record<string, string>>; readonly body: string }, n: number): Promise<void> {
  const url = new URL(system.url);
  const pool = new Pool(url.origin, { connections: CONCURRENCY, pipelining: 1 });
  let sent = 0;
  const worker = async () => {
    while (sent++ < n) {
      const res = await pool.request({ method: 'POST', path: url.pathname, headers, body });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${system.name} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await pool.close();
  }
}

async function count(name: Name, core: number, upstream: StartContext['upstream']): Promise<Count | Skipped> {
  const dir = mkdtempSync(join(tmpdir(), `aigate-count-${name}-`));
  // --trace-children: `aigate serve` re-executes itself with its V8 flags (same pid).
  const wrapper = ['valgrind', '--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', '--trace-children=yes', `--callgrind-out-file=${dir}/cg.%p`];
  let pid: string | undefined;
  try {
    const system = await STARTS[name]({ upstream, core, wrapper, readyMs: 300_000, ...(TOP > 0 && { nodeFlags: ['--perf-basic-prof'] }) });
    if ('skipped' in system) return system;
    pid = String(system.pid);
    try {
      const request = await answersChat(system, false, name);
      await send(system, request, WARMUP);
      execFileSync('callgrind_control', ['--instr=on', pid], { stdio: 'ignore' });
      await send(system, request, REQUESTS);
      execFileSync('callgrind_control', ['--dump', pid], { stdio: 'ignore' });
    } finally {
      await system.stop();
    }
    return analyse(name, dir, pid);
  } finally {
    // Nothing of a run stays behind, whether it was counted, skipped or failed.
    rmSync(dir, { recursive: true, force: true });
    if (pid !== undefined) rmSync(`/tmp/perf-${pid}.map`, { force: true });
  }
}

/** Reads the first dump: one file per thread, `cg.<pid>.1-<thread>`, thread 01 the main one. */
function analyse(name: Name, dir: string, pid: string): Count {
  const files = readdirSync(dir).filter((f) => f.startsWith(`cg.${pid}.1-`));
  if (files.length === 0) throw new Error(`${name}: callgrind wrote no dump in ${dir}`);
  let main = 0;
  let helpers = 0;
  let compile = 0;
  let mainCosts: [string, number][] = [];
  const map = perfMap(pid);
  for (const f of files) {
    const costs = selfCosts(annotate(join(dir, f), false), map);
    const total = costs.reduce((sum, [, n]) => sum + n, 0);
    const compiling = costs.reduce((sum, [fn, n]) => sum + (COMPILER.test(fn) ? n : 0), 0);
    compile += compiling;
    if (f.endsWith('-01')) {
      main = total - compiling;
      mainCosts = costs;
    } else helpers += total - compiling;
  }
  const mainFile = join(dir, `cg.${pid}.1-01`);
  const gc = Number(/^\s*([\d,]+) .*Heap::CollectGarbage\(/m.exec(annotate(mainFile, true))?.[1]?.replaceAll(',', '') ?? 0);
  const top = mainCosts.slice(0, TOP);
  const per = (n: number) => n / REQUESTS;
  return { name, mutator: per(main - gc), gc: per(gc), helpers: per(helpers), compile: per(compile), top: top.map(([f, n]) => [f, per(n)] as const) };
}

const COMPILER = /v8::internal::(compiler|maglev|turboshaft)::|v8::internal::Zone::|OptimizedCompilationJob|Turbofan/;

function annotate(file: string, inclusive: boolean): string {
  return execFileSync('callgrind_annotate', ['--threshold=100', `--inclusive=${inclusive ? 'yes' : 'no'}`, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** V8's `--perf-basic-prof` map: code ranges and what they are (`JS:*'name file:line`). */
function perfMap(pid: string): { readonly start: number; readonly end: number; readonly name: string }[] {
  let text = '';
  try {
    text = readFileSync(`/tmp/perf-${pid}.map`, 'utf8');
  } catch {
    return [];
  }
  // V8 reuses the space of code it dropped: the newest entry for an address is the code that ran.
  const byStart = new Map<number, { readonly start: number; readonly end: number; readonly name: string }>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (m === null) continue;
    const start = parseInt(m[1] as string, 16);
    byStart.set(start, { start, end: start + parseInt(m[2] as string, 16), name: m[3] as string });
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** Self cost per function, JIT addresses (which callgrind cannot name) named from the perf map. */
function selfCosts(text: string, map: ReturnType<typeof perfMap>): [string, number][] {
  const costs = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^\s*([\d,]+) \([ \d.]+%\)\s+(.*)$/.exec(line);
    if (m === null || (m[2] as string).includes('PROGRAM TOTALS')) continue;
    let fn = (m[2] as string).replace(/\s*\[[^\]]*\]$/, '').replace(/^\?\?\?:/, '');
    if (fn.startsWith('0x')) fn = `JIT ${jitName(map, parseInt(fn, 16)) ?? 'code'}`;
    costs.set(fn, (costs.get(fn) ?? 0) + Number((m[1] as string).replaceAll(',', '')));
  }
  return [...costs].sort((a, b) => b[1] - a[1]);
}

function jitName(map: ReturnType<typeof perfMap>, address: number): string | undefined {
  let lo = 0;
  let hi = map.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = map[mid] as (typeof map)[number];
    if (address < r.start) hi = mid - 1;
    else if (address >= r.end) lo = mid + 1;
    else return r.name;
  }
  return undefined;
}

const k = (n: number) => `${(n / 1000).toFixed(1)}k`;

function report(counts: readonly (Count | (Skipped & { readonly name: Name }))[]): void {
  const done = counts.filter((c): c is Count => 'mutator' in c);
  const bare = done.find((c) => c.name === 'bare');
  const total = (c: Count) => c.mutator + c.gc + c.helpers + c.compile;
  console.log(`\ninstructions per reply (warm-up ${WARMUP}, counted over ${REQUESTS}, concurrency ${CONCURRENCY})`);
  // A major GC (tens of thousands per reply on the helpers for one window) lands in some windows
  // and not others: the ratio compares the request path, which repeats within ~1%.
  console.log('the ratio is over the mutator; GC and helper columns move with when a collection lands\n');
  console.log(`${'system'.padEnd(16)} ${'mutator'.padStart(9)} ${'main GC'.padStart(9)} ${'helpers'.padStart(9)} ${'compile'.padStart(9)} ${'total'.padStart(9)} ${'bare/system'.padStart(12)}`);
  console.log(`${''.padEnd(16)} ${'(request path)'.padStart(9)}${''.padStart(41)} ${'(mutator)'.padStart(12)}`);
  for (const c of counts) {
    if (!('mutator' in c)) {
      console.log(`${c.name.padEnd(16)} skipped: ${c.skipped}`);
      continue;
    }
    const ratio = bare ? (bare.mutator / c.mutator).toFixed(3) : '';
    console.log(`${c.name.padEnd(16)} ${k(c.mutator).padStart(9)} ${k(c.gc).padStart(9)} ${k(c.helpers).padStart(9)} ${k(c.compile).padStart(9)} ${k(total(c)).padStart(9)} ${ratio.padStart(12)}`);
  }
  for (const c of done.filter((d) => d.top.length > 0)) {
    console.log(`\n${c.name}: main thread, self instructions per reply`);
    for (const [fn, n] of c.top) console.log(`${n.toFixed(0).padStart(8)}  ${fn.slice(0, 150)}`);
  }
}

const cores = Math.max(1, Math.min(2, availableParallelism()));
const upstream = await startUpstream({ core: 0, port: await freePort() });
const counts: (Count | (Skipped & { readonly name: Name }))[] = [];
const failures: string[] = [];
try {
  const queue = [...picked];
  // One system per core at a time: valgrind runs a process's threads one at a time anyway.
  const lane = async (core: number) => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const started = Date.now();
      try {
        const c = await count(name, core, upstream);
        counts.push('skipped' in c ? { ...c, name } : c);
        console.error(`${name}: counted in ${Math.round((Date.now() - started) / 1000)} s`);
      } catch (e) {
        // One system that fails (a non-200, a dump missing) does not lose the others' counts.
        failures.push(`${name}: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: cores }, (_, i) => lane(i)));
} finally {
  await upstream.close();
}
counts.sort((a, b) => picked.indexOf(a.name) - picked.indexOf(b.name));
report(counts);
if (failures.length > 0) {
  console.error(`\nnot counted:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exitCode = 1;
}
