/** Kong-like path routing: `~/…` paths are regexes anchored at the start of the path, others are
 * plain string prefixes (so `/chat` also matches `/chatty`, as in Kong). Regex paths are tried
 * first, in config order; then the longest matching prefix wins. */
import { error, type Diagnostic, type Result } from '../diagnostics/index.ts';

export interface RouterEntry<T> {
  /** Where a bad path is reported, e.g. the route's name. */
  readonly name: string;
  readonly paths: readonly string[];
  readonly value: T;
}

export interface Router<T> {
  /** `pathname` without the query string. */
  match(pathname: string): T | undefined;
}

interface Prefix<T> {
  readonly prefix: string;
  readonly value: T;
}

interface Pattern<T> {
  readonly re: RegExp;
  readonly value: T;
}

export function createRouter<T>(entries: readonly RouterEntry<T>[]): Result<Router<T>> {
  const diagnostics: Diagnostic[] = [];
  const patterns: Pattern<T>[] = [];
  const prefixes: Prefix<T>[] = [];
  for (const e of entries) {
    e.paths.forEach((path, i) => {
      if (!path.startsWith('~')) return void prefixes.push({ prefix: path, value: e.value });
      try {
        // Kong prepends `^`: the pattern must match from the first character of the path.
        patterns.push({ re: new RegExp(`^(?:${path.slice(1)})`), value: e.value });
      } catch (err) {
        diagnostics.push(error('invalid_regex', ['routes', e.name, 'paths', i], `route "${e.name}": ${(err as Error).message}`, 'write the path as a JavaScript regular expression after "~"'));
      }
    });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  // Stable sort: equal lengths keep config order.
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);

  const match = (pathname: string): T | undefined => {
    for (const p of patterns) if (p.re.test(pathname)) return p.value;
    for (const p of prefixes) if (pathname.startsWith(p.prefix)) return p.value;
    return undefined;
  };
  return { ok: true, value: { match }, warnings: [] };
}
