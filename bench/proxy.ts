/** `npm run bench`: aigate's reference proxy against the real Portkey gateway and a bare undici
 * pass-through, side by side in one run, on loopback, against one mock upstream, with one load
 * generator (wrk when installed, else autocannon; `--load` picks), for a JSON and a streamed chat
 * at concurrency 16 and 64; `direct` (the load generator straight at the mock) is the baseline for
 * added latency. Prints a table, the ratios aigate/Portkey and aigate/bare, and the issue's goals;
 * `--json` prints the rows instead.
 *
 *   npm run bench [-- --json] [-- --quick] [-- --rounds N --duration S --slices K] [-- --load wrk|autocannon]
 *   (--quick: 1 round of 2 s, a smoke run; the default is 3 rounds of 5 s, in 5 slices)
 *
 * Method: every system, the upstream and the load generator are separate processes pinned with
 * `taskset` (proxy alone on one core; on 2 cores the load generator and the upstream share the
 * other). For each point the systems start fresh; in each round every system gets its seconds of
 * load in slices, the systems taking turns slice by slice in a rotating order, so drift on a
 * shared machine spreads over all of them; rows are medians over the rounds. The first
 * streamed byte is measured separately: sequential requests, the upstream spacing its chunks.
 * Benchmarks are never tests: nothing here asserts, and `npm test` does not run it. */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { listArg, parseOptions, positiveArg } from './args.ts';
import { loadGenerator } from './generator.ts';
import { measureFirstByte, type FirstByteResult, type LoadResult, type Request } from './load.ts';
import { renderJson, renderText, rounded, type Row, type Scenario } from './report.ts';
import { median, percentile } from './stats.ts';
import { inactivePolicies, startAigate, startAigatePolicies } from './systems/aigate.ts';
import { startBare } from './systems/bare.ts';
import { canPin, cpuTimeMs, freePort, loadAverage, peakRssMb, pinLayout, resetPeakRss } from './systems/child.ts';
import { startDirect } from './systems/direct.ts';
import { startPortkey } from './systems/portkey.ts';
import type { Skipped, Start, StartContext, System, SystemName } from './systems/system.ts';
import { answersChat, chatRequest, startUpstream, type Upstream } from './upstream.ts';

const { values: args } = parseOptions({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    slices: { type: 'string' },
    systems: { type: 'string' },
    scenarios: { type: 'string' },
    concurrency: { type: 'string' },
    'no-first-byte': { type: 'boolean', default: false },
    load: { type: 'string' },
  },
});
const ROUNDS = positiveArg(args.rounds, args.quick ? 1 : 3, 'rounds', true);
const DURATION_S = positiveArg(args.duration, args.quick ? 2 : 5, 'duration', false);
const WARMUP_S = 1;
/** Each system's measured seconds per round are taken in this many turns (see measureRound). */
const SLICES = positiveArg(args.slices, args.quick ? 1 : 5, 'slices', true);
const CONCURRENCIES = listArg(args.concurrency, [16, 64], 'concurrency');
const SCENARIOS = listArg<Scenario>(args.scenarios, ['json', 'stream'], 'scenario');
const FIRST_BYTE = { n: args.quick ? 30 : 100, warmup: 10, chunkIntervalMs: 2 };
const LOAD = loadGenerator(args.load, [WARMUP_S, DURATION_S / SLICES]);

const STARTS: Readonly<Record<SystemName, Start>> = {
  direct: startDirect,
  bare: startBare,
  aigate: startAigate,
  'aigate-policies': startAigatePolicies,
  portkey: startPortkey,
};
const SYSTEMS = listArg(args.systems, Object.keys(STARTS) as SystemName[], 'system');

const log = (line: string) => process.stderr.write(`${line}\n`);
const warnings: string[] = [];
/** Each proxy's RSS right after it started, before any load (one value per start). */
const idleRss = new Map<SystemName, number[]>();

const CORES = availableParallelism();

const request = (system: System, scenario: Scenario | 'first-byte'): Request => chatRequest(system, scenario !== 'json');

/** One request before measuring: a system that answers wrongly would otherwise look fast. */
async function check(system: System, scenario: Scenario): Promise<void> {
  const r = await answersChat(system, scenario === 'stream', system.name);
  if (system.name === 'aigate-policies' && scenario === 'json')
    for (const problem of await inactivePolicies(system, r)) warnings.push(`aigate-policies: ${problem}; the row may not measure what it says`);
}

async function startAll(ctx: StartContext, skipped: Map<SystemName, string>): Promise<System[]> {
  const systems: System[] = [];
  for (const name of SYSTEMS) {
    const start: Start = STARTS[name];
    if (skipped.has(name)) continue;
    const s: System | Skipped = await start(ctx);
    if ('skipped' in s) {
      skipped.set(name, s.skipped);
      log(`  ${name}: skipped: ${s.skipped}`);
    } else {
      systems.push(s);
      const rss = s.pid === undefined ? undefined : peakRssMb(s.pid);
      if (rss !== undefined) idleRss.set(name, [...(idleRss.get(name) ?? []), rss]);
    }
  }
  return systems;
}

/** JSON turns NaN (no sample) into null. */
const fixed = (v: number | null, digits = 2) => (v === null ? '-' : v.toFixed(digits));

const rotate = <T>(xs: readonly T[], k: number) => xs.map((_, i) => xs[(i + k) % xs.length] as T);

/** One round of one system: its slices pooled. */
interface Sample extends Omit<LoadResult, 'warmupOk' | 'latencies'> {
  readonly rss_mb: number | undefined;
  readonly cpu_pct: number | undefined;
  readonly cpu_us_per_req: number | undefined;
}

/** What one system's slices of a round add up to. */
interface Tally {
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  latencies: number[];
  cpuMs: number | undefined;
  wallMs: number;
}

/**
 * One round of one point: each system gets DURATION_S of load, cut into SLICES slices that the
 * systems take in turns (rotated every slice), so a slow spell of the machine lands on all of them
 * rather than on whichever system was running. Each slice has the full warm-up: it is a new load
 * generator process (its own JIT) on new connections.
 */
async function measureRound(systems: readonly System[], scenario: Scenario, c: number, core: number, turn: number): Promise<Map<SystemName, Sample>> {
  const tallies = new Map<SystemName, Tally>();
  for (const s of systems) {
    tallies.set(s.name, { ok: 0, non2xx: 0, errors: 0, seconds: 0, latencies: [], cpuMs: 0, wallMs: 0 });
    if (s.pid !== undefined && !resetPeakRss(s.pid)) warnings.push(`could not reset VmHWM of ${s.name}: its RSS is the peak since start`);
  }
  for (let slice = 0; slice < SLICES; slice++)
    for (const s of rotate(systems, turn + slice)) {
      const t = tallies.get(s.name) as Tally;
      const pid = s.pid;
      // CPU is sampled over the measured window only (the load generator says when its warm-up ends).
      let cpu0: number | undefined;
      let t0 = 0;
      const r = await LOAD.run({ ...request(s, scenario), connections: c, warmupS: WARMUP_S, durationS: DURATION_S / SLICES, keepLatencies: true }, core, () => {
        cpu0 = pid === undefined ? undefined : cpuTimeMs(pid);
        t0 = performance.now();
      });
      t.wallMs += performance.now() - t0;
      const cpu1 = pid === undefined ? undefined : cpuTimeMs(pid);
      t.cpuMs = t.cpuMs === undefined || cpu0 === undefined || cpu1 === undefined ? undefined : t.cpuMs + (cpu1 - cpu0);
      t.ok += r.ok;
      t.non2xx += r.non2xx;
      t.errors += r.errors;
      t.seconds += r.seconds;
      for (const ms of r.latencies ?? []) t.latencies.push(ms);
    }
  const samples = new Map<SystemName, Sample>();
  for (const s of systems) {
    const t = tallies.get(s.name) as Tally;
    if (t.non2xx > 0 || t.errors > 0) warnings.push(`${s.name} ${scenario} c${c}: ${t.non2xx} non-2xx, ${t.errors} errors/timeouts in one round`);
    const has = t.latencies.length > 0;
    samples.set(s.name, {
      ok: t.ok,
      non2xx: t.non2xx,
      errors: t.errors,
      seconds: t.seconds,
      rps: t.ok / t.seconds,
      p50_ms: has ? percentile(t.latencies, 50) : null,
      p99_ms: has ? percentile(t.latencies, 99) : null,
      rss_mb: s.pid === undefined ? undefined : peakRssMb(s.pid),
      cpu_pct: t.cpuMs === undefined ? undefined : (t.cpuMs / t.wallMs) * 100,
      cpu_us_per_req: t.cpuMs === undefined || t.ok === 0 ? undefined : (t.cpuMs * 1000) / t.ok,
    });
  }
  return samples;
}

async function stopAll(systems: readonly System[]): Promise<void> {
  await Promise.all(systems.map((s) => s.stop()));
}

/** The first streamed byte: sequential requests with the upstream spacing its chunks. */
async function firstByteRounds(ctx: StartContext, loadCore: number, skipped: Map<SystemName, string>, firstBytes: Map<SystemName, FirstByteResult[]>, upstream: Upstream): Promise<void> {
  log(`first streamed byte: ${FIRST_BYTE.n} sequential requests per round, upstream chunks ${FIRST_BYTE.chunkIntervalMs} ms apart`);
  await upstream.setChunkInterval(FIRST_BYTE.chunkIntervalMs);
  const systems = await startAll(ctx, skipped);
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const s of rotate(systems, round)) {
        const fb = await measureFirstByte({ ...request(s, 'first-byte'), ...FIRST_BYTE }, loadCore);
        log(`  round ${round + 1} ${s.name.padEnd(15)} first byte p50 ${fb.first_byte_p50_ms.toFixed(2)} ms  whole stream p50 ${fb.total_p50_ms.toFixed(2)} ms`);
        firstBytes.set(s.name, [...(firstBytes.get(s.name) ?? []), fb]);
      }
  } finally {
    await stopAll(systems);
    await upstream.setChunkInterval(0);
  }
}

async function main(): Promise<void> {
  if (!process.versions.node.startsWith('24.')) log(`note: Node ${process.versions.node}; the issue's numbers are for Node 24 (npm run uses node_modules' Node 24)`);
  const pin = pinLayout(CORES);
  // The orchestrator mostly waits; keep its wake-ups off the proxy's core.
  if (canPin()) spawnSync('taskset', ['-pc', String(pin.load), String(process.pid)], { stdio: 'ignore' });
  const loadStart = loadAverage();
  log(`bench: ${LOAD.name}; ${pin.text}; load average ${loadStart}`);
  const upstream: Upstream = await startUpstream({ core: pin.upstream, port: await freePort() });
  const ctx: StartContext = { upstream, core: pin.proxy };
  const skipped = new Map<SystemName, string>();
  const samples = new Map<string, Sample[]>();
  const firstBytes = new Map<SystemName, FirstByteResult[]>();
  const key = (s: SystemName, scenario: Scenario, c: number) => `${s}|${scenario}|${c}`;
  try {
    let point = 0;
    for (const scenario of SCENARIOS)
      for (const c of CONCURRENCIES) {
        log(`${scenario} c${c}: starting systems`);
        const systems = await startAll(ctx, skipped);
        try {
          for (const s of systems) await check(s, scenario);
          for (let round = 0; round < ROUNDS; round++) {
            const measured = await measureRound(systems, scenario, c, pin.load, round + point);
            for (const [name, sample] of measured) {
              log(`  round ${round + 1} ${name.padEnd(15)} ${fixed(sample.rps, 0).padStart(6)} req/s  p50 ${fixed(sample.p50_ms)} ms  p99 ${fixed(sample.p99_ms)} ms${sample.non2xx + sample.errors > 0 ? `  (${sample.non2xx} non-2xx, ${sample.errors} errors)` : ''}`);
              samples.set(key(name, scenario, c), [...(samples.get(key(name, scenario, c)) ?? []), sample]);
            }
          }
        } finally {
          await stopAll(systems);
        }
        point++;
      }

    if (!args['no-first-byte'] && SCENARIOS.includes('stream')) await firstByteRounds(ctx, pin.load, skipped, firstBytes, upstream);
  } finally {
    await upstream.close();
  }

  const rows: Row[] = [];
  for (const scenario of SCENARIOS)
    for (const c of CONCURRENCIES) {
      const direct = samples.get(key('direct', scenario, c)) ?? [];
      const directP50 = median(direct.map((s) => s.p50_ms ?? undefined));
      const directP99 = median(direct.map((s) => s.p99_ms ?? undefined));
      for (const system of SYSTEMS) {
        const reason = skipped.get(system);
        const nulls = { rps: null, p50_ms: null, p99_ms: null, added_p99_ms: null, rss_mb: null, added_p50_ms: null, cpu_pct: null, cpu_us_per_req: null, idle_rss_mb: null };
        if (reason !== undefined) {
          rows.push({ system, scenario, concurrency: c, ...nulls, skipped: reason });
          continue;
        }
        const ss = samples.get(key(system, scenario, c)) ?? [];
        const m = (f: (s: Sample) => number | null | undefined) => median(ss.map((s) => f(s) ?? undefined)) ?? null;
        const p50 = m((s) => s.p50_ms);
        const p99 = m((s) => s.p99_ms);
        const fb = scenario === 'stream' ? { first_byte_p50_ms: median((firstBytes.get(system) ?? []).map((f) => f.first_byte_p50_ms)) ?? null } : {};
        rows.push(
          rounded({
            system,
            scenario,
            concurrency: c,
            rps: m((s) => s.rps),
            p50_ms: p50,
            p99_ms: p99,
            added_p99_ms: system === 'direct' || p99 === null || directP99 === undefined ? (system === 'direct' ? 0 : null) : p99 - directP99,
            rss_mb: m((s) => s.rss_mb),
            added_p50_ms: system === 'direct' || p50 === null || directP50 === undefined ? (system === 'direct' ? 0 : null) : p50 - directP50,
            cpu_pct: m((s) => s.cpu_pct),
            cpu_us_per_req: m((s) => s.cpu_us_per_req),
            idle_rss_mb: median(idleRss.get(system) ?? []) ?? null,
            ...fb,
          }),
        );
      }
    }

  const pairedMedian = (a: SystemName, b: SystemName, scenario: Scenario, c: number) => {
    const as = samples.get(key(a, scenario, c)) ?? [];
    const bs = samples.get(key(b, scenario, c)) ?? [];
    return median(
      as.map((s, i) => {
        const other = bs[i]?.rps;
        return other ? s.rps / other : undefined;
      }),
    );
  };
  const paired = SCENARIOS.flatMap((scenario) =>
    CONCURRENCIES.map((c) => ({
      point: `${scenario} c${c}`,
      aigatePortkey: pairedMedian('aigate', 'portkey', scenario, c),
      aigateBare: pairedMedian('aigate', 'bare', scenario, c),
      policiesBare: pairedMedian('aigate-policies', 'bare', scenario, c),
    })),
  );
  const info = {
    node: process.versions.node,
    cores: CORES,
    pinning: pin.text,
    rounds: ROUNDS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    slices: SLICES,
    load: LOAD.name,
    loadStart,
    loadEnd: loadAverage(),
    upstream: 'src/mock, fixed reply: JSON chat completion (485 B) or a stream of 19 SSE events (3.2 KB) written at once',
    firstByte: `median over rounds of the p50 of ${FIRST_BYTE.n} sequential streamed requests, upstream chunks ${FIRST_BYTE.chunkIntervalMs} ms apart`,
    warnings: [...new Set(warnings)],
    paired,
  };
  if (args.json) {
    process.stdout.write(renderJson(rows));
    if (info.warnings.length > 0) log(info.warnings.map((w) => `! ${w}`).join('\n'));
    log(`load average: ${info.loadStart} at start, ${info.loadEnd} at end`);
  } else process.stdout.write(renderText(rows, info, CONCURRENCIES));
}

await main();
