/** Checks a policy's regular expression twice: it must compile for RE2 (what the reference proxy
 * matches with, in linear time), and it must not backtrack catastrophically, because Kong matches
 * the same pattern with PCRE, which does backtrack. */
import { checkSync } from 'recheck';
import { RE2 } from 're2-wasm';
import { error, type Diagnostic, type PathSegment } from '../diagnostics/index.ts';

/** PCRE/RE2 leading inline flags like `(?i)` → JavaScript flags, so recheck can read the pattern. */
function asJavaScript(pattern: string): { source: string; flags: string } {
  const m = /^\(\?([imsx]+)\)/.exec(pattern);
  return m ? { source: pattern.slice(m[0].length), flags: m[1]!.replace('x', '') } : { source: pattern, flags: '' };
}

export function checkPattern(pattern: string, path: readonly PathSegment[]): Diagnostic[] {
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
  return [
    error(
      'regex_catastrophic',
      path,
      `the pattern can backtrack catastrophically (${result.complexity.type} time on some inputs)`,
      'Kong matches with PCRE, which backtracks: remove nested quantifiers such as (a+)+ or overlapping alternatives',
    ),
  ];
}
