/** Deep partial matching for test expectations: what a test writes is a subset of what the gateway
 * answered. Objects match when every expected key matches; arrays match element by element and
 * must have the same length (so "these messages, and no others" can be said); everything else is
 * compared as JSON values. Each difference is reported at its path, so a failure reads
 * `body.choices[0].message.content: expected "Paris", got "echo: hi"`. */

export interface Mismatch {
  /** Dotted path from the checked thing, e.g. `body.choices[0].message.content`. */
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** Set when "expected X, got Y" would not say enough (a missing key, a length). */
  readonly message?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? safe : safe.startsWith('"') ? `${path}[${safe}]` : `${path}.${safe}`;
}

/** Every place where `actual` does not contain `expected`. */
export function matchSubset(expected: unknown, actual: unknown, path: string): Mismatch[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [{ path, expected, actual, message: `expected an object, got ${kindOf(actual)}` }];
    const out: Mismatch[] = [];
    for (const key of Object.keys(expected)) {
      const at = childPath(path, key);
      if (!(key in actual)) {
        out.push({ path: at, expected: expected[key], actual: undefined, message: 'missing' });
        continue;
      }
      out.push(...matchSubset(expected[key], actual[key], at));
    }
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual, message: `expected an array, got ${kindOf(actual)}` }];
    if (actual.length !== expected.length) return [{ path, expected, actual, message: `expected ${expected.length} items, got ${actual.length}` }];
    return expected.flatMap((e, i) => matchSubset(e, actual[i], childPath(path, i)));
  }
  return sameValue(expected, actual) ? [] : [{ path, expected, actual }];
}

/** Header expectations: a value must be equal, `null` must be absent. Names are case-insensitive. */
export function matchHeaders(expected: Readonly<Record<string, string | null>>, actual: Readonly<Record<string, string>>, path: string): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name.toLowerCase()];
    const at = childPath(path, name.toLowerCase());
    if (want === null) {
      if (got !== undefined) out.push({ path: at, expected: null, actual: got, message: 'expected the header to be absent' });
    } else if (got !== want) {
      out.push({ path: at, expected: want, actual: got, ...(got === undefined && { message: 'missing' }) });
    }
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function kindOf(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${show(v)}`;
}

/** A value as a failure message shows it: JSON, cut to a readable length. */
export function show(v: unknown, max = 300): string {
  if (v === undefined) return '(nothing)';
  const text = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
