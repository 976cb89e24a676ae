/** The runs of plain characters every match of a pattern must contain, read conservatively: a
 * prompt missing any of them cannot match, so the guard can answer without calling into RE2 (the
 * common case: most prompts match no deny pattern). `undefined` whenever the pattern's shape makes
 * that unsafe to say: a top-level alternative, inline flags, or nothing plain and mandatory. */

/** Characters that stand for themselves outside a class (RE2/PCRE syntax). */
const PLAIN = /[A-Za-z0-9 _\-,;:'"!@#%&=<>~`/]/;
/** A quantifier after an atom: the atom may repeat or vanish, so it ends a run. */
const QUANTIFIER = /[?*+{]/;

export function requiredLiterals(pattern: string): string[] | undefined {
  // Inline flags such as (?i) change what the letters match.
  if (/\(\?(?!:)/.test(pattern)) return undefined;
  const runs: string[] = [];
  let run = '';
  let depth = 0;
  const endRun = () => {
    if (run !== '') runs.push(run);
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      // An escape may be a class (\d) or an anchor (\b): it ends the run whatever it is.
      endRun();
      i++;
      continue;
    }
    if (c === '[') {
      endRun();
      // Skip the class: a ']' right after '[' or '[^' is a member, escapes are skipped.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '{') {
      // A counted repeat, {n} or {n,m}: its digits are not text.
      endRun();
      const close = pattern.indexOf('}', i);
      i = close === -1 ? pattern.length : close;
      continue;
    }
    if (c === '(') {
      endRun();
      depth++;
      continue;
    }
    if (c === ')') {
      depth--;
      continue;
    }
    if (c === '|') {
      // An alternative at the top means no one literal is required.
      if (depth === 0) return undefined;
      continue;
    }
    if (depth > 0) continue;
    if (!PLAIN.test(c)) {
      endRun();
      continue;
    }
    // The last character of a run is only required if no quantifier follows it.
    if (QUANTIFIER.test(pattern[i + 1] ?? '')) {
      endRun();
      continue;
    }
    run += c;
  }
  endRun();
  return runs.length === 0 ? undefined : runs;
}
