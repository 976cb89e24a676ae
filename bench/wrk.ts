/** The load generator when `wrk` is installed (Debian: `apt-get install wrk`): one wrk thread,
 * pinned like autocannon's process, one connection per virtual user. wrk is C; per request it
 * costs the shared core a fraction of what autocannon does, so on 2 cores the mock, not the load
 * generator, sets how fast `direct` goes, and the proxies run at the speed of their own core.
 *
 * A Lua script sets the method, headers and body, and at the end prints one JSON line: requests,
 * non-2xx, socket errors, the measured microseconds, and wrk's latency histogram (µs) as
 * value/count pairs, so slices of one round can be pooled exactly like autocannon's latencies. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult, LoadSpec } from './load.ts';
import { percentile } from './stats.ts';
import { pinned } from './systems/child.ts';

let found: boolean | undefined;
export function hasWrk(): boolean {
  found ??= spawnSync('wrk', ['--version']).error === undefined;
  return found;
}

/** A Lua string literal: quotes, backslashes and control characters as decimal escapes (`\ddd`). */
const lua = (s: string) => `"${s.replace(/[\\"\x00-\x1f\x7f]/g, (c) => `\\${String(c.charCodeAt(0)).padStart(3, '0')}`)}"`;

function script(spec: Omit<LoadSpec, 'kind'>): string {
  const headers = Object.entries(spec.headers).map(([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`);
  return [
    'wrk.method = "POST"',
    `wrk.body = ${lua(spec.body)}`,
    ...headers,
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  local hist = {}',
    '  for i = 1, #latency do',
    '    local v, c = latency(i)',
    '    hist[#hist + 1] = string.format("[%d,%d]", v, c)',
    '  end',
    '  io.write(string.format(\'\\n{"requests":%d,"non2xx":%d,"errors":%d,"us":%d,"histogram":[%s]}\\n\',',
    '    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.duration, table.concat(hist, ",")))',
    'end',
  ].join('\n');
}

interface WrkOutput {
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly us: number;
  readonly histogram: readonly (readonly [number, number])[];
}

async function wrk(scriptFile: string, spec: Omit<LoadSpec, 'kind'>, seconds: number, core: number): Promise<WrkOutput> {
  const args = ['-t1', `-c${spec.connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptFile, spec.url];
  const [cmd, ...rest] = pinned(core, ['wrk', ...args]);
  const child = spawn(cmd, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Not child.ts's collect(): the histogram line can pass its 64 KB cap.
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
  if (code !== 0 || line === undefined) throw new Error(`wrk failed (exit ${code}): ${out.slice(0, 2000)}`);
  return JSON.parse(line) as WrkOutput;
}

/** The same contract as autocannon's `runLoad`: a discarded warm-up, then `onMeasuring`, then the
 * measured window. */
export async function runWrk(spec: Omit<LoadSpec, 'kind'>, core: number, onMeasuring?: () => void): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'aigate-wrk-'));
  try {
    const file = join(dir, 'request.lua');
    writeFileSync(file, script(spec));
    const warm = spec.warmupS > 0 ? await wrk(file, spec, spec.warmupS, core) : undefined;
    onMeasuring?.();
    const r = await wrk(file, spec, spec.durationS, core);
    // wrk counts a status of 400 or more as an error (`non2xx` here; the bench's upstream sends no
    // 1xx or 3xx). Those responses are in the histogram too; the bench warns when there are any.
    const latencies: number[] = [];
    for (const [us, count] of r.histogram) for (let i = 0; i < count; i++) latencies.push(us / 1000);
    const ok = r.requests - r.non2xx;
    const has = latencies.length > 0 && ok > 0;
    return {
      ok,
      non2xx: r.non2xx,
      errors: r.errors,
      rps: ok / (r.us / 1e6),
      p50_ms: has ? percentile(latencies, 50) : null,
      p99_ms: has ? percentile(latencies, 99) : null,
      seconds: r.us / 1e6,
      warmupOk: warm === undefined ? 0 : warm.requests - warm.non2xx,
      ...(spec.keepLatencies && { latencies }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
