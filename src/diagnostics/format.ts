/** Renders diagnostics for people (colored or plain) and for machines (JSON). */
import { toDotPath, type Diagnostic } from './diagnostic.ts';

export interface FormatOptions {
  readonly color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function formatDiagnostic(d: Diagnostic, { color }: FormatOptions): string {
  const mark = d.severity === 'error' ? paint(color, '31', '✖') : paint(color, '33', '⚠');
  const lines = [`${mark} ${d.message} ${paint(color, '2', `[${d.code}]`)}`];
  const where = d.file === undefined ? toDotPath(d.path) : `${d.file}: ${toDotPath(d.path)}`;
  if (d.path.length > 0 || d.file !== undefined) lines.push(`  → at ${paint(color, '36', where)}${d.target ? ` (target ${d.target})` : ''}`);
  if (d.hint) lines.push(`  ${paint(color, '2', `hint: ${d.hint}`)}`);
  return lines.join('\n');
}

export function formatDiagnostics(ds: readonly Diagnostic[], opts: FormatOptions): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.length - errors;
  const summary = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`]
    .filter(Boolean)
    .join(', ');
  return `${ds.map((d) => formatDiagnostic(d, opts)).join('\n\n')}\n\n${summary}\n`;
}

/** Stable JSON form: keys in a fixed order, the path as a dotted string and as segments. */
export function diagnosticsToJson(ds: readonly Diagnostic[]): string {
  return `${JSON.stringify(
    ds.map((d) => ({
      code: d.code,
      severity: d.severity,
      path: toDotPath(d.path),
      segments: d.path,
      message: d.message,
      ...(d.hint === undefined ? {} : { hint: d.hint }),
      ...(d.target === undefined ? {} : { target: d.target }),
      ...(d.file === undefined ? {} : { file: d.file }),
    })),
    null,
    2,
  )}\n`;
}
