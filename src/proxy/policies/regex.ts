/** Compiles a policy's patterns once, with RE2 (linear-time matching, so a hostile prompt cannot
 * stall the event loop the way a backtracking engine can), and remembers them per policy object. */
import { createRequire } from 'node:module';
import type { RE2 } from 're2-wasm';
import { requiredLiterals } from './required-literal.ts';

// re2-wasm (its WebAssembly module and memory) is loaded by the first pattern compiled: a
// configuration without prompt guards or transformer patterns never loads it.
const require = createRequire(import.meta.url);
let Re2: typeof RE2 | undefined;
const re2 = (): typeof RE2 => (Re2 ??= (require('re2-wasm') as typeof import('re2-wasm')).RE2);

export type Compiled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** RE2 in unicode mode (re2-wasm requires 'u'), plus any extra flags ('i', 'm'). */
export function compilePattern(pattern: string, extraFlags = ''): Compiled<RE2> {
  try {
    return { ok: true, value: new (re2())(pattern, `u${extraFlags}`) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

function compileAll(patterns: readonly string[], extraFlags = ''): Compiled<readonly RE2[]> {
  const out: RE2[] = [];
  for (const p of patterns) {
    const c = compilePattern(p, extraFlags);
    if (!c.ok) return c;
    out.push(c.value);
  }
  return { ok: true, value: out };
}

/** What the policies need of a compiled set of patterns. */
export interface Matcher {
  test(text: string): boolean;
}

/** One matcher that finds any of the patterns: a single RE2 alternation, so a prompt crosses into
 * WebAssembly once rather than once per pattern (each crossing copies the text), and RE2 still
 * runs the whole set in one linear pass. Each pattern is compiled alone first, so a broken one is
 * reported as itself and cannot reshape its neighbours' groups. When every pattern needs some
 * literal text (required-literal.ts), a prompt no pattern's literals all fit is answered without RE2: a
 * string search is ~50× cheaper than the crossing, and most prompts match no deny pattern.
 * `undefined` for no patterns. */
export function compileAny(patterns: readonly string[], extraFlags = ''): Compiled<Matcher | undefined> {
  if (patterns.length === 0) return { ok: true, value: undefined };
  const each = compileAll(patterns, extraFlags);
  if (!each.ok) return each;
  const joined = patterns.length === 1 ? undefined : compilePattern(patterns.map((p) => `(?:${p})`).join('|'), extraFlags);
  // A set too large for one program still works pattern by pattern.
  const re2: Matcher = joined?.ok ? joined.value : patterns.length === 1 ? (each.value[0] as RE2) : { test: (text) => each.value.some((re) => re.test(text)) };
  // RE2's first run of a program is slow; pay it here, at load, even if the prefilter later
  // keeps most prompts away from it.
  re2.test('warm up');
  const literals = extraFlags.includes('i') ? [] : patterns.map(requiredLiterals);
  if (literals.length === 0 || literals.includes(undefined)) return { ok: true, value: re2 };
  // A pattern can match only a text holding all of its literals.
  const needed = literals as string[][];
  return { ok: true, value: { test: (text) => needed.some((ls) => ls.every((l) => text.includes(l))) && re2.test(text) } };
}

/** `make(owner)` once per owner; the model's policy objects are immutable and live as long as the
 * loaded bundle, so a WeakMap lets a reload drop the old patterns with the old bundle. */
export function memoise<K extends object, V>(cache: WeakMap<K, V>, owner: K, make: (owner: K) => V): V {
  let v = cache.get(owner);
  if (v === undefined) {
    v = make(owner);
    cache.set(owner, v);
  }
  return v;
}
