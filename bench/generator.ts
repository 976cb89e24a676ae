/** Which load generator a bench run uses: wrk when it is installed, else autocannon; `--load`
 * chooses. One generator for the whole run, so every system is measured by the same one. */
import { oneOfArg, usageError } from './args.ts';
import { runLoad } from './load.ts';
import { hasWrk, runWrk } from './wrk.ts';

export interface LoadGenerator {
  readonly name: 'wrk' | 'autocannon';
  readonly run: typeof runLoad;
}

/** `seconds`: every duration the run will ask for; wrk takes whole seconds only. */
export function loadGenerator(text: string | undefined, seconds: readonly number[]): LoadGenerator {
  const name = oneOfArg(text, ['wrk', 'autocannon'], hasWrk() ? 'wrk' : 'autocannon', 'load');
  if (name === 'autocannon') return { name, run: runLoad };
  if (!hasWrk()) usageError('--load wrk: wrk is not installed (Debian: apt-get install wrk)');
  const partial = seconds.find((s) => !Number.isInteger(s));
  if (partial !== undefined) usageError(`wrk runs whole seconds, and this run asks for ${partial} s (a --duration, or one of its --slices); give whole seconds, or --load autocannon`);
  return { name, run: runWrk };
}
