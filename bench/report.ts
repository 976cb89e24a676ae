/** The bench's output: the rows (medians of the rounds), the ratios the issue's goals are written
 * in, a goal check, and the same rows as JSON for `--json`. */
import type { SystemName } from './systems/system.ts';

export type Scenario = 'json' | 'stream';

/** One (system, scenario, concurrency) point; the first eight keys are the documented JSON shape. */
export interface Row {
  readonly system: SystemName;
  readonly scenario: Scenario;
  readonly concurrency: number;
  readonly rps: number | null;
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  /** p99 minus `direct`'s p99 at the same point. */
  readonly added_p99_ms: number | null;
  /** Peak RSS (VmHWM) of the proxy process; null for `direct`, which has none. */
  readonly rss_mb: number | null;
  /** Extras: p50 minus `direct`'s, the proxy's CPU use while loaded, and (stream rows) the
   * median time to the first streamed byte from the sequential first-byte run. */
  readonly added_p50_ms: number | null;
  readonly cpu_pct: number | null;
  /** The proxy's CPU time per successful request: throughput per core, freed from how much of its
   * core a shared machine let the proxy have. */
  readonly cpu_us_per_req: number | null;
  /** RSS right after start, before any load. */
  readonly idle_rss_mb: number | null;
  readonly first_byte_p50_ms?: number | null;
  readonly skipped?: string;
}

/** Ratios taken within each round (the systems of a round run back to back) and their median over
 * the rounds: a slow phase of a shared machine then weighs on both sides of most ratios. */
export interface PairedRatios {
  readonly point: string;
  readonly aigatePortkey: number | undefined;
  readonly aigateBare: number | undefined;
  readonly policiesBare: number | undefined;
}

export interface RunInfo {
  readonly node: string;
  readonly cores: number;
  readonly pinning: string;
  readonly rounds: number;
  readonly durationS: number;
  readonly warmupS: number;
  /** Turns each system's seconds of a round are cut into, the systems alternating. */
  readonly slices: number;
  /** The load generator: `wrk` or `autocannon`. */
  readonly load: string;
  readonly loadStart: string;
  readonly loadEnd: string;
  readonly upstream: string;
  readonly firstByte: string;
  readonly warnings: readonly string[];
  readonly paired?: readonly PairedRatios[];
}

const r2 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);
const r1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);

/** Rounds a row's numbers for printing: rps to whole requests, times to 0.01 ms, RSS to 0.1 MiB. */
export function rounded(row: Row): Row {
  return {
    ...row,
    rps: row.rps === null ? null : Math.round(row.rps),
    p50_ms: r2(row.p50_ms),
    p99_ms: r2(row.p99_ms),
    added_p99_ms: r2(row.added_p99_ms),
    rss_mb: r1(row.rss_mb),
    added_p50_ms: r2(row.added_p50_ms),
    cpu_pct: row.cpu_pct === null ? null : Math.round(row.cpu_pct),
    cpu_us_per_req: row.cpu_us_per_req === null ? null : Math.round(row.cpu_us_per_req),
    idle_rss_mb: r1(row.idle_rss_mb),
    ...(row.first_byte_p50_ms !== undefined && { first_byte_p50_ms: r2(row.first_byte_p50_ms) }),
  };
}

function find(rows: readonly Row[], system: SystemName, scenario: Scenario, c: number): Row | undefined {
  return rows.find((r) => r.system === system && r.scenario === scenario && r.concurrency === c && r.skipped === undefined);
}

const ratio = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? undefined : a / b);

export interface Goal {
  readonly name: string;
  readonly value: string;
  readonly met: boolean | 'skipped';
}

/** The issue's goals, each checked at every concurrency it applies to. */
export function goals(rows: readonly Row[], concurrencies: readonly number[]): Goal[] {
  const out: Goal[] = [];
  const fmt = (v: number | undefined, unit = '×') => (v === undefined ? 'n/a' : `${v.toFixed(2)}${unit}`);
  for (const c of concurrencies) {
    const portkey = find(rows, 'portkey', 'json', c)?.rps;
    const vsPortkey = ratio(find(rows, 'aigate', 'json', c)?.rps, portkey);
    // No proxy can answer faster than the load generator reaches the mock directly: when Portkey
    // runs fast enough, 8× is beyond that ceiling and only the per-core ratio says anything.
    const ceiling = ratio(find(rows, 'direct', 'json', c)?.rps, portkey);
    const note = ceiling === undefined ? '' : ` (ceiling here, direct/Portkey: ${ceiling.toFixed(2)}×)`;
    out.push({ name: `JSON c${c}: aigate ≥ 8× Portkey (req/s)`, value: `${fmt(vsPortkey)}${note}`, met: vsPortkey !== undefined && vsPortkey >= 8 });
  }
  for (const system of ['aigate', 'aigate-policies'] as const) {
    for (const [scenario, bar] of [['json', 0.85], ['stream', 0.7]] as const) {
      for (const c of concurrencies) {
        const skipped = rows.find((r) => r.system === system && r.skipped !== undefined);
        const v = ratio(find(rows, system, scenario, c)?.rps, find(rows, 'bare', scenario, c)?.rps);
        const name = `${scenario} c${c}: ${system} ≥ ${bar}× bare (req/s)`;
        out.push(skipped ? { name, value: 'skipped (above)', met: 'skipped' } : { name, value: fmt(v), met: v !== undefined && v >= bar });
      }
    }
  }
  const fb = (s: SystemName) => rows.find((r) => r.system === s && r.scenario === 'stream' && r.first_byte_p50_ms != null)?.first_byte_p50_ms;
  const fbDiff = fb('aigate') != null && fb('bare') != null ? (fb('aigate') as number) - (fb('bare') as number) : undefined;
  out.push({ name: 'first streamed byte: aigate within 0.5 ms of bare (p50)', value: fbDiff === undefined ? 'n/a' : `${fbDiff >= 0 ? '+' : ''}${fbDiff.toFixed(2)} ms`, met: fbDiff !== undefined && fbDiff <= 0.5 });
  let worst: number | undefined;
  for (const scenario of ['json', 'stream'] as const)
    for (const c of concurrencies) {
      const v = ratio(find(rows, 'aigate', scenario, c)?.rss_mb, find(rows, 'bare', scenario, c)?.rss_mb);
      if (v !== undefined) worst = Math.max(worst ?? 0, v);
    }
  out.push({ name: 'peak RSS: aigate ≤ 1.2× bare (worst point)', value: fmt(worst), met: worst !== undefined && worst <= 1.2 });
  return out;
}

function table(head: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const show = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '-' : v.toFixed(digits));

export function renderText(rows: readonly Row[], info: RunInfo, concurrencies: readonly number[]): string {
  const out: string[] = [];
  out.push(`aigate proxy bench: Node ${info.node}, ${info.cores} cores, ${info.rounds} round(s) × ${info.durationS} s (+${info.warmupS} s warm-up) per point${info.slices > 1 ? `, each in ${info.slices} alternating slices` : ''}, medians`);
  out.push(`load generator: ${info.load}; pinning: ${info.pinning}`);
  out.push(`upstream: ${info.upstream}`);
  out.push(`load average: ${info.loadStart} at start, ${info.loadEnd} at end (a shared machine: compare ratios, not absolutes)`);
  out.push('');
  const body = rows.map((r) =>
    r.skipped !== undefined
      ? [r.system, `${r.scenario} c${r.concurrency}`, 'skipped', '', '', '', '', '', '', '', '', '']
      : [
          r.system,
          `${r.scenario} c${r.concurrency}`,
          show(r.rps, 0),
          show(r.p50_ms),
          show(r.p99_ms),
          show(r.added_p50_ms),
          show(r.added_p99_ms),
          show(r.rss_mb, 1),
          show(r.idle_rss_mb, 1),
          show(r.cpu_pct, 0),
          show(r.cpu_us_per_req, 0),
          r.scenario === 'stream' ? show(r.first_byte_p50_ms) : '',
        ],
  );
  out.push(table(['system', 'point', 'req/s', 'p50 ms', 'p99 ms', '+p50 ms', '+p99 ms', 'peak RSS MiB', 'idle RSS', 'CPU %', 'CPU µs/req', '1st byte ms'], body));
  const skips = [...new Map(rows.filter((r) => r.skipped !== undefined).map((r) => [r.system, r.skipped])).entries()];
  for (const [system, reason] of skips) out.push(`${system} skipped: ${reason}`);
  out.push(
    '',
    '+p50/+p99: over direct at the same point. CPU %: the proxy process over the measured window (100 = its whole core).',
    'CPU µs/req: its CPU time per 2xx reply; on a shared machine the truer throughput per core (req/s is capped by the share of the',
    `core the proxy got). 1st byte: ${info.firstByte}.`,
  );

  out.push('', 'ratios (req/s, first byte, RSS):');
  const ratioRows: string[][] = [];
  for (const scenario of ['json', 'stream'] as const)
    for (const c of concurrencies) {
      // A run limited to some points (--scenarios) has no ratios for the others.
      if (!rows.some((r) => r.scenario === scenario && r.concurrency === c)) continue;
      const a = find(rows, 'aigate', scenario, c);
      const b = find(rows, 'bare', scenario, c);
      const p = find(rows, 'portkey', scenario, c);
      const ap = find(rows, 'aigate-policies', scenario, c);
      const apSkipped = rows.some((r) => r.system === 'aigate-policies' && r.skipped !== undefined);
      ratioRows.push([
        `${scenario} c${c}`,
        show(ratio(a?.rps, p?.rps)),
        show(ratio(a?.rps, b?.rps)),
        apSkipped ? 'skipped' : show(ratio(ap?.rps, b?.rps)),
        show(ratio(a?.rss_mb, b?.rss_mb)),
        show(ratio(p?.cpu_us_per_req, a?.cpu_us_per_req)),
        show(ratio(b?.cpu_us_per_req, a?.cpu_us_per_req)),
        apSkipped ? 'skipped' : show(ratio(b?.cpu_us_per_req, ap?.cpu_us_per_req)),
      ]);
    }
  out.push(table(['point', 'aigate/portkey', 'aigate/bare', 'aigate-policies/bare', 'RSS aigate/bare', 'per-core aigate/portkey', 'per-core aigate/bare', 'per-core policies/bare'], ratioRows));
  out.push('per-core: the same ratios from CPU µs/req (req/s each proxy would reach on a core of its own); the goals below use req/s.');
  if (info.paired !== undefined && info.rounds > 1) {
    out.push('', 'paired req/s ratios (each round\'s ratio, median over the rounds; not used by the goals):');
    out.push(table(['point', 'aigate/portkey', 'aigate/bare', 'aigate-policies/bare'], info.paired.map((p) => [p.point, show(p.aigatePortkey), show(p.aigateBare), show(p.policiesBare)])));
  }

  out.push('', 'goals:');
  for (const g of goals(rows, concurrencies)) out.push(`  ${g.met === 'skipped' ? '–' : g.met ? '✔' : '✖'} ${g.name}: ${g.value}`);
  if (info.warnings.length > 0) out.push('', 'warnings:', ...info.warnings.map((w) => `  ! ${w}`));
  return `${out.join('\n')}\n`;
}

export function renderJson(rows: readonly Row[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}
