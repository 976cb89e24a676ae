/** The load generator, in its own pinned process so it never shares a core with the proxy.
 *
 * - `runLoad`: autocannon (programmatic, one connection per virtual user, no pipelining) for
 *   `durationS` after a discarded `warmupS`. Latencies come from autocannon's per-response event
 *   (hrtime, µs resolution) rather than its histogram, which rounds to whole milliseconds; for a
 *   stream they are full-response times.
 * - `measureFirstByte`: one undici connection, `n` sequential streamed requests, the time from
 *   sending the request to the first body byte (after `warmup` discarded requests).
 *
 * Run directly, it is the child: `node bench/load.ts '<spec JSON>'` prints one JSON result line. */
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import { Client } from 'undici';
import { percentile } from './stats.ts';
import { collect, spawnNode } from './systems/child.ts';

export interface Request {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface LoadSpec extends Request {
  readonly kind: 'load';
  readonly connections: number;
  readonly warmupS: number;
  readonly durationS: number;
  /** Also return every 2xx latency, so slices of one measurement can be pooled. */
  readonly keepLatencies?: boolean;
}

export interface LoadResult {
  /** 2xx responses in the measured window. */
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly rps: number;
  /** Null when no request succeeded. */
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  /** The measured window's length. */
  readonly seconds: number;
  /** With `keepLatencies`: each 2xx response's latency, ms. */
  readonly latencies?: number[];
  /** 2xx responses during the warm-up (not in `ok`). */
  readonly warmupOk: number;
}

export interface FirstByteSpec extends Request {
  readonly kind: 'first-byte';
  readonly n: number;
  readonly warmup: number;
}

export interface FirstByteResult {
  readonly n: number;
  readonly first_byte_p50_ms: number;
  readonly first_byte_p99_ms: number;
  readonly total_p50_ms: number;
}

/** `onMeasuring` is called when the warm-up is over and the measured window starts (to sample the
 * proxy's CPU time at that moment). */
export const runLoad = (spec: Omit<LoadSpec, 'kind'>, core: number, onMeasuring?: () => void) => inChild<LoadResult>({ kind: 'load', ...spec }, core, onMeasuring);
export const measureFirstByte = (spec: Omit<FirstByteSpec, 'kind'>, core: number) => inChild<FirstByteResult>({ kind: 'first-byte', ...spec }, core);

const MEASURING = 'measuring\n';

async function inChild<T>(spec: LoadSpec | FirstByteSpec, core: number, onMeasuring?: () => void): Promise<T> {
  const child = spawnNode(['bench/load.ts', JSON.stringify(spec)], { core, pipe: true });
  const output = collect(child);
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => {
    const had = stdout.includes(MEASURING);
    stdout += c.toString('utf8');
    if (!had && stdout.includes(MEASURING)) onMeasuring?.();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`load generator failed (exit ${code}): ${output()}`);
  return JSON.parse(last) as T;
}

// ---- child side ----

interface AutocannonResult {
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}
interface AutocannonOptions {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly connections: number;
  readonly pipelining: number;
  readonly duration: number;
  readonly timeout: number;
  readonly sampleInt: number;
}
type Autocannon = (opts: AutocannonOptions, done: (err: Error | null, result: AutocannonResult) => void) => EventEmitter;

async function autocannonRun(spec: LoadSpec, durationS: number, latencies?: number[]): Promise<{ result: AutocannonResult; ok: number; seconds: number }> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let ok = 0;
  const started = performance.now();
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    // autocannon checks whether its time is up once per sample interval (1 s by default), so a
    // quarter-second warm-up would last a whole second: sample every 50 ms instead.
    const opts = { url: spec.url, method: 'POST', headers: spec.headers, body: spec.body, connections: spec.connections, pipelining: 1, duration: durationS, timeout: 10, sampleInt: 50 } as const;
    const instance = autocannon(opts, (err, r) => (err ? reject(err) : resolve(r)));
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status < 200 || status > 299) return;
      ok++;
      latencies?.push(ms);
    });
  });
  return { result, ok, seconds: (performance.now() - started) / 1000 };
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const warmupOk = spec.warmupS > 0 ? (await autocannonRun(spec, spec.warmupS)).ok : 0;
  process.stdout.write(MEASURING);
  const latencies: number[] = [];
  const { result, ok, seconds } = await autocannonRun(spec, spec.durationS, latencies);
  return {
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rps: ok / seconds,
    p50_ms: latencies.length > 0 ? percentile(latencies, 50) : null,
    p99_ms: latencies.length > 0 ? percentile(latencies, 99) : null,
    seconds,
    warmupOk,
    ...(spec.keepLatencies && { latencies }),
  };
}

async function firstByte(spec: FirstByteSpec): Promise<FirstByteResult> {
  const url = new URL(spec.url);
  const client = new Client(url.origin, { pipelining: 1 });
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < spec.warmup + spec.n; i++) {
    const t0 = performance.now();
    const { statusCode, body } = await client.request({ method: 'POST', path: url.pathname, headers: spec.headers, body: spec.body });
    let t1 = 0;
    let text = '';
    for await (const chunk of body) {
      if (t1 === 0) t1 = performance.now();
      text += (chunk as Buffer).toString('utf8');
    }
    const t2 = performance.now();
    if (statusCode !== 200 || !text.includes('data:')) throw new Error(`first-byte request got ${statusCode}: ${text.slice(0, 300)}`);
    if (i < spec.warmup) continue;
    first.push(t1 - t0);
    total.push(t2 - t0);
  }
  await client.close();
  return { n: spec.n, first_byte_p50_ms: percentile(first, 50), first_byte_p99_ms: percentile(first, 99), total_p50_ms: percentile(total, 50) };
}

if (import.meta.main) {
  const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec | FirstByteSpec;
  const result = spec.kind === 'load' ? await load(spec) : await firstByte(spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
