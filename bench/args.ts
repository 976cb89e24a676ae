/** The bench scripts' option checks: a bad value is a usage error (exit 2) saying what was expected. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function usageError(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** A comma-separated option as a list, each item checked against what it may be. */
export function listArg<T extends string | number>(text: string | undefined, all: readonly T[], what: string): readonly T[] {
  if (text === undefined) return all;
  const picked = text.split(',').map((x) => x.trim());
  const bad = picked.filter((x) => !all.some((a) => String(a) === x));
  if (bad.length > 0) usageError(`unknown ${what} ${bad.join(', ')}; expected some of ${all.join(', ')}`);
  return all.filter((a) => picked.includes(String(a)));
}

/** One value of a fixed set. */
export function oneOfArg<T extends string>(text: string | undefined, all: readonly T[], fallback: T, what: string): T {
  if (text === undefined) return fallback;
  const found = all.find((a) => a === text);
  return found ?? usageError(`--${what} ${text}: expected one of ${all.join(', ')}`);
}

/** A numeric option. */
export function positiveArg(text: string | undefined, fallback: number, what: string, integer: boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (Number.isFinite(n) && n > 0 && (!integer || Number.isInteger(n))) return n;
  return usageError(`--${what} ${text}: expected a positive ${integer ? 'whole number' : 'number'}`);
}

/** A regular expression option. */
export function patternArg(text: string, what: string): RegExp {
  try {
    return new RegExp(text);
  } catch (e) {
    return usageError(`--${what} ${text}: not a regular expression (${(e as Error).message})`);
  }
}

/** parseArgs, with an unknown option or a missing value as a usage error (exit 2) rather than a
 * stack trace. `hint` follows the message (e.g. how to pass a value that starts with a dash). */
export function parseOptions<T extends ParseArgsConfig>(config: T, hint = ''): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    return usageError(`${(e as Error).message.split('\n')[0]}${hint}`);
  }
}
