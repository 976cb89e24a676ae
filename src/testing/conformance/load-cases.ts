/** Reads the case files of a suite: every `.ts`/`.mjs`/`.js` file in a folder, in name order; each
 * exports cases (one, or arrays of them) under any names. Loaded at run time from a folder, like
 * a config, so the CLI runs the suite without the suite being part of aigate's code. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { error, type Result } from '../../diagnostics/index.ts';
import { isConformanceCase, type ConformanceCase } from './case.ts';

export async function loadCases(dir: string): Promise<Result<ConformanceCase[]>> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.(m?ts|m?js)$/.test(f) && !/\.test\./.test(f))
      .sort();
  } catch (e) {
    return { ok: false, diagnostics: [error('usage', [], `cannot read the conformance cases in ${dir}: ${(e as Error).message}`, 'pass --cases <dir>')] };
  }
  const cases: ConformanceCase[] = [];
  const seen = new Map<string, string>();
  const problems = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      for (const c of Array.isArray(value) ? value : [value]) {
        if (!isConformanceCase(c)) continue;
        const other = seen.get(c.name);
        if (other !== undefined) problems.push(error('duplicate_name', [f, c.name], `case "${c.name}" is also defined in ${other}`));
        seen.set(c.name, f);
        cases.push(c);
      }
    }
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  if (cases.length === 0) return { ok: false, diagnostics: [error('usage', [], `no conformance cases in ${dir}`)] };
  return { ok: true, value: cases, warnings: [] };
}
