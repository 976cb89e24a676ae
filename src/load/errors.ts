/** Builds the load-stage diagnostics, and turns a thrown value into a message safe to show. */
import { basename } from 'node:path';
import { error, type Diagnostic, type DiagnosticCode } from '../diagnostics/index.ts';

export function loadDiagnostic(code: DiagnosticCode, file: string, message: string, hint?: string): Diagnostic {
  // Load problems concern the file as a whole, so the path is the root and `file` says where.
  return { ...error(code, [], message, hint), file };
}

/**
 * The message of whatever was thrown, on one line. Code frames are dropped because they quote the
 * config's source, and a config may hold an inline API key; the message itself is kept verbatim.
 */
export function describeThrown(thrown: unknown, file: string, depth = 0): string {
  const raw = thrown instanceof Error ? thrown.message : String(thrown);
  const lines: string[] = [];
  for (const line of raw.split('\n')) {
    // Node appends the chain of requiring files; `file` already says where the problem is.
    if (line.startsWith('Require stack:')) break;
    if (isCodeFrameLine(line)) continue;
    // jiti puts the absolute path and position of a parse error on a line of its own.
    const trimmed = line.trim().replace(file, basename(file));
    if (trimmed !== '') lines.push(/^\S+:\d+:\d+$/.test(trimmed) ? `at ${trimmed}` : trimmed);
  }
  const name = thrown instanceof Error && thrown.name !== 'Error' && !raw.startsWith(thrown.name) ? `${thrown.name}: ` : '';
  const text = `${name}${lines.join(' ')}` || 'unknown error';
  // Wrapped errors (`new Error('...', { cause })`) often carry the useful part in the cause.
  const cause = thrown instanceof Error && thrown.cause !== undefined && depth < 3 ? `; caused by ${describeThrown(thrown.cause, file, depth + 1)}` : '';
  return text + cause;
}

/** `  3 | const key = "..."`, `> 3 | ...` and the `    |   ^` marker under it. */
function isCodeFrameLine(line: string): boolean {
  return /^\s*>?\s*\d*\s*\|/.test(line);
}
