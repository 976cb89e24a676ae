#!/usr/bin/env node
// aigate's executable: runs the TypeScript CLI directly (Node ≥ 22.18 strips types by default;
// older 22.x needs the flag, so re-run with it rather than ship a build step).
import { spawnSync } from 'node:child_process';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const args = process.argv.slice(2);

// `serve` is a long-running proxy: V8 lets its young generation grow to 64 MiB under load, most of
// the proxy's resident memory. Measured under the bench's load: 16 MiB semi-spaces (a 32 MiB young
// generation) cut peak RSS by ~25 MiB for ~0.3 µs more GC per request; 8 MiB ones cut a little
// more but cost ~2.5 µs. Heap sizes are fixed when V8 starts, so serve re-executes itself with the
// flag (same pid, same stdio); AIGATE_V8_DEFAULTS=1 keeps V8's defaults.
const SERVE_FLAGS = ['--max-semi-space-size=16'];
const tuneServe =
  args[0] === 'serve' &&
  process.env.AIGATE_V8_DEFAULTS !== '1' &&
  !process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) &&
  typeof process.execve === 'function' &&
  process.platform !== 'win32';
if (tuneServe) process.execve(process.execPath, [process.execPath, ...SERVE_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...args]);

// Keep V8's compiled code (and, on Node 24, the stripped TypeScript) between runs in the OS temp
// dir: a measured third off every start. NODE_COMPILE_CACHE picks another dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
enableCompileCache?.();

if (process.features.typescript) {
  const cli = await import(main);
  process.exitCode = await cli.main(args);
} else {
  const flags = args[0] === 'serve' ? SERVE_FLAGS : [];
  const r = spawnSync(process.execPath, [...flags, '--experimental-strip-types', '--no-warnings', main, ...args], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
