/** Checks a policy's regular expression twice: it must compile for RE2 (what the reference proxy
 * matches with, in linear time), and it must not backtrack catastrophically, because Kong matches
 * the same pattern with PCRE, which does backtrack. */
import { createRequire } from 'node:module';
import { error, type Diagnostic, type PathSegment } from '../diagnostics/index.ts';

// Both are loaded on first use: recheck alone costs ~300 ms at start-up, and most configs have no
// patterns, so `aigate compile` should not pay for it.
const require = createRequire(import.meta.url);
let engines: { RE2: typeof import('re2-wasm').RE2; checkSync: typeof import('recheck').checkSync } | undefined;
const load = () => (engines ??= { RE2: (require('re2-wasm') as typeof import('re2-wasm')).RE2, checkSync: (require('recheck') as typeof import('recheck')).checkSync });

/** PCRE/RE2 leading inline flags like `(?i)` → JavaScript flags, so recheck can read the pattern. */
function asJavaScript(pattern: string): { source: string; flags: string } {
  const m = /^\(\?([imsx]+)\)/.exec(pattern);
  return m ? { source: pattern.slice(m[0].length), flags: m[1]!.replace('x', '') } : { source: pattern, flags: '' };
}

/** Who writes the text a pattern runs on: clients (prompts) can craft an attack, a model rarely does. */
export type PatternInput = 'client' | 'model';

export function checkPattern(pattern: string, path: readonly PathSegment[], input: PatternInput = 'client'): Diagnostic[] {
  const { RE2, checkSync } = load();
  try {
    new RE2(pattern, 'u');
  } catch (e) {
    return [
      error(
        'invalid_regex',
        path,
        `the pattern does not compile: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /, '')}`,
        'patterns use RE2/PCRE syntax; lookarounds and backreferences are not supported',
      ),
    ];
  }
  const js = asJavaScript(pattern);
  try {
    new RegExp(js.source, js.flags);
  } catch {
    return []; // RE2-only syntax: recheck reads JavaScript patterns, so it cannot judge this one.
  }
  const result = checkSync(js.source, js.flags, { timeout: 2000 });
  if (result.status !== 'vulnerable') return [];
  const d = error(
    'regex_catastrophic',
    path,
    `the pattern can backtrack catastrophically (${result.complexity.type} time on some inputs)`,
    'Kong matches with PCRE, which backtracks: remove nested quantifiers such as (a+)+ or overlapping alternatives',
  );
  // Exponential patterns stall on short inputs, so they are always errors. Polynomial ones need
  // long crafted inputs: an error where clients write the text, a warning on a model's answer.
  return [result.complexity.type === 'exponential' || input === 'client' ? d : { ...d, severity: 'warning' }];
}
