/** `aigate serve` compiles a config in a child process, so the proxy's process never holds the compiler. */
import { fork } from 'node:child_process';
import { getCompileCacheDir } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Result } from '../../diagnostics/index.ts';

/** What serve-compile.child.ts sends back: the Result, or the message of an error it threw. */
export type ChildAnswer = { readonly result: Result<string> } | { readonly thrown: string };

/**
 * The reference bundle's JSON for `file` with the compile's warnings, or its diagnostics. The
 * compile loads zod, jiti, recheck (with its own worker thread) and every target, which the proxy
 * never needs again. A worker thread was measured and does not free them: glibc keeps the exited
 * threads' malloc arenas resident, and idle RSS ended higher than compiling in-process (~190 vs
 * ~178 MiB). A process that exits gives it all back, and keeps the proxy's peak RSS low too.
 */
export function compileInChildProcess(file: string): Promise<Result<string>> {
  const cacheDir = getCompileCacheDir();
  const child = fork(fileURLToPath(new URL('./serve-compile.child.ts', import.meta.url)), [file], {
    // Only what running TypeScript needs: --cpu-prof or --inspect would profile or debug the
    // compile too (and two inspectors fight over one port).
    execArgv: process.execArgv.filter((a) => /^--(experimental-(strip|transform)-types|no-warnings)$/.test(a)),
    // The config may print; an unexpected crash's stack shows on stderr.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    // bin/aigate.mjs turns V8's compile cache on for its own process only; share it.
    ...(cacheDir !== undefined && { env: { ...process.env, NODE_COMPILE_CACHE: cacheDir } }),
  });
  return new Promise((resolve, reject) => {
    let answer: ChildAnswer | undefined;
    child.once('message', (m) => (answer = m as ChildAnswer));
    child.once('error', reject);
    // Settles only once the child is gone, so nothing of the compile outlives the promise.
    child.once('exit', (code, signal) => {
      if (answer === undefined) reject(new Error(`the config compiler exited (${signal ?? `code ${code}`}) without an answer`));
      else if ('thrown' in answer) reject(new Error(answer.thrown));
      else resolve(answer.result);
    });
  });
}
