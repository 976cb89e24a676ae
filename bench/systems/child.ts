/** Child processes for the bench: each system, the upstream and the load generator run in their
 * own process, pinned to a core with `taskset`, so a row's RSS and CPU are that process's alone.
 * Linux only (`/proc`, `taskset`); `canPin()` says whether pinning is available. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let pinnable: boolean | undefined;
export function canPin(): boolean {
  pinnable ??= spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  return pinnable;
}

export interface SpawnOptions {
  /** The core to pin to; unpinned when `taskset` is missing. */
  readonly core: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Keep stdout/stderr as pipes (to read a ready line or diagnostics); else they go to /dev/null. */
  readonly pipe?: boolean;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
  /** A command node runs under, e.g. valgrind and its options (`bench:count`). */
  readonly wrapper?: readonly string[];
  /** @default ROOT, this checkout */
  readonly cwd?: string;
}

/** A command line run on one core (`taskset` execs it, so the pid is the command's own); as it is
 * when `taskset` is missing. */
export function pinned(core: number, argv: readonly string[]): [string, ...string[]] {
  return (canPin() ? ['taskset', '-c', String(core), ...argv] : [...argv]) as [string, ...string[]];
}

/** `node …args` on one core; the child is node itself (taskset execs), so its pid is the one to watch. */
export function spawnNode(args: readonly string[], opts: SpawnOptions): ChildProcess {
  const [cmd, ...rest] = pinned(opts.core, [...(opts.wrapper ?? []), process.execPath, ...(opts.nodeFlags ?? []), ...args]);
  return spawn(cmd, rest, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', opts.pipe ? 'pipe' : 'ignore', opts.pipe ? 'pipe' : 'ignore'],
  });
}

/** A port free right now on loopback (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once `url` answers anything over HTTP; rejects if the child exits first or after `timeoutMs`. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode}) before listening`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`not listening on ${url} after ${timeoutMs} ms`);
}

/** Collects a piped stream's text (for a failed start's diagnostics). */
export function collect(child: ChildProcess): () => string {
  let text = '';
  const add = (c: Buffer) => {
    if (text.length < 64_000) text += c.toString('utf8');
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

/** SIGTERM (graceful: aigate flushes, `--cpu-prof` writes its profile), then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Peak resident set (VmHWM) in MiB since start or the last `resetPeakRss`. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0: `echo 5 > clear_refs`), so each run reports its own peak. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const TICK_MS = 1000 / (Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100);

/** User and system CPU time of a process in ms (clock-tick resolution). */
export function cpuTimesMs(pid: number): { readonly user: number; readonly system: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process in ms. */
export function cpuTimeMs(pid: number): number | undefined {
  const t = cpuTimesMs(pid);
  return t === undefined ? undefined : t.user + t.system;
}

/** Which core each process of a bench run is pinned to: the proxy always alone on its core. */
export interface PinLayout {
  readonly load: number;
  readonly upstream: number;
  readonly proxy: number;
  /** The layout in words, for the run's header. */
  readonly text: string;
}

export function pinLayout(cores: number = availableParallelism()): PinLayout {
  if (!canPin()) return { load: 0, upstream: 0, proxy: 0, text: 'none (taskset not found): numbers include CPU contention between processes' };
  if (cores >= 3) return { load: 0, upstream: 1, proxy: 2, text: 'load generator on core 0, upstream on core 1, proxy on core 2' };
  return { load: 0, upstream: 0, proxy: 1, text: `${cores} cores: proxy alone on core 1; load generator and upstream share core 0, so they, not the proxy, can cap the fastest systems` };
}

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');
  } catch {
    return 'unknown';
  }
}
