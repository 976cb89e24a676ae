/** Writes artefacts atomically: every file goes to a temp file first and is renamed into place only
 * when all were written, so a failed compile never leaves half an output; a rename that fails part
 * way puts back the files already replaced, so the set on disk is all old or all new. */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { error, type Diagnostic } from '../diagnostics/index.ts';
import type { Artefact } from '../emit/index.ts';

export interface Placed {
  readonly file: string;
  readonly content: string;
}

/** Where each artefact goes: `out` is the file for a single artefact, else a directory. */
export function place(artefacts: readonly Artefact[], out: string | undefined): Placed[] {
  if (artefacts.length === 1 && out !== undefined && !out.endsWith('/')) return [{ file: out, content: artefacts[0]!.content }];
  return artefacts.map((a) => ({ file: out === undefined ? a.path : join(out, a.path), content: a.content }));
}

export function writeAtomically(files: readonly Placed[]): void {
  const suffix = `.aigate-${process.pid}`;
  const temps: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.file), { recursive: true });
      const tmp = `${f.file}${suffix}.tmp`;
      writeFileSync(tmp, f.content);
      temps.push(tmp);
    }
    swapIn(files, temps, suffix);
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
}

/** `writeAtomically`, its failure as the diagnostic every command reports: `what` names the output
 * ("the JUnit report x.xml"); the fs message names the file that failed. */
export function writeOutputs(files: readonly Placed[], what: string): Diagnostic | undefined {
  try {
    writeAtomically(files);
    return undefined;
  } catch (e) {
    return error('write_failed', [], `could not write ${what}: ${(e as Error).message}`, 'nothing was changed on disk; give a path where files can be created (a directory that exists or can be made)');
  }
}

/** Renames each temp over its file (one atomic step per file), keeping a copy of the old file until
 * every rename succeeded; on a failure the files already replaced get their old content back, or
 * are removed if they are new. */
function swapIn(files: readonly Placed[], temps: readonly string[], suffix: string): void {
  const swapped: { readonly file: string; readonly backup: string | undefined }[] = [];
  try {
    files.forEach((f, i) => {
      const backup = existsSync(f.file) ? `${f.file}${suffix}.old` : undefined;
      if (backup !== undefined) copyFileSync(f.file, backup);
      try {
        renameSync(temps[i]!, f.file);
      } catch (e) {
        if (backup !== undefined) rmSync(backup, { force: true });
        throw e;
      }
      swapped.push({ file: f.file, backup });
    });
  } catch (e) {
    for (const s of swapped.reverse()) {
      if (s.backup === undefined) rmSync(s.file, { force: true });
      else renameSync(s.backup, s.file);
    }
    throw e;
  }
  for (const s of swapped) if (s.backup !== undefined) rmSync(s.backup, { force: true });
}

/** The files whose content on disk differs from what would be written. */
export function staleFiles(files: readonly Placed[]): string[] {
  return files
    .filter((f) => {
      try {
        return readFileSync(f.file, 'utf8') !== f.content;
      } catch {
        return true;
      }
    })
    .map((f) => f.file);
}
