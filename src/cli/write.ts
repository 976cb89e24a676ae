/** Writes artefacts atomically: every file goes to a temp file first and is renamed into place only
 * when all were written, so a failed compile never leaves half an output. */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  const temps: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.file), { recursive: true });
      const tmp = `${f.file}.aigate-${process.pid}.tmp`;
      writeFileSync(tmp, f.content);
      temps.push(tmp);
    }
    files.forEach((f, i) => renameSync(temps[i]!, f.file));
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
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
