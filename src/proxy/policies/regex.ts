/** Compiles a policy's patterns once, with RE2 (linear-time matching, so a hostile prompt cannot
 * stall the event loop the way a backtracking engine can), and remembers them per policy object. */
import { createRequire } from 'node:module';
import type { RE2 } from 're2-wasm';

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

export function compileAll(patterns: readonly string[], extraFlags = ''): Compiled<readonly RE2[]> {
  const out: RE2[] = [];
  for (const p of patterns) {
    const c = compilePattern(p, extraFlags);
    if (!c.ok) return c;
    out.push(c.value);
  }
  return { ok: true, value: out };
}

/** One matcher that finds any of the patterns: a single RE2 alternation, so a prompt crosses into
 * WebAssembly once rather than once per pattern (each crossing copies the text), and RE2 still
 * runs the whole set in one linear pass. Each pattern is compiled alone first, so a broken one is
 * reported as itself and cannot reshape its neighbours' groups. `undefined` for no patterns. */
export function compileAny(patterns: readonly string[], extraFlags = ''): Compiled<Pick<RE2, 'test'> | undefined> {
  if (patterns.length === 0) return { ok: true, value: undefined };
  const each = compileAll(patterns, extraFlags);
  if (!each.ok) return each;
  if (patterns.length === 1) return { ok: true, value: each.value[0] };
  const joined = compilePattern(patterns.map((p) => `(?:${p})`).join('|'), extraFlags);
  // A set too large for one program still works pattern by pattern.
  if (!joined.ok) return { ok: true, value: { test: (text: string) => each.value.some((re) => re.test(text)) } };
  return joined;
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
