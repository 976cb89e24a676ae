#!/usr/bin/env node
// aigate's executable: runs the TypeScript CLI directly (Node ≥ 22.18 strips types by default;
// older 22.x needs the flag, so re-run with it rather than ship a build step).
import { spawnSync } from 'node:child_process';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
// Keep V8's compiled code (and, on Node 24, the stripped TypeScript) between runs in the OS temp
// dir: a measured third off every start. NODE_COMPILE_CACHE picks another dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
enableCompileCache?.();

if (process.features.typescript) {
  const cli = await import(main);
  process.exitCode = await cli.main(process.argv.slice(2));
} else {
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
