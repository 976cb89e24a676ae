/** Exit codes and the single place diagnostics are printed. */
import { diagnosticsToJson, formatDiagnostics, type Diagnostic } from '../diagnostics/index.ts';

export const EXIT = { ok: 0, stale: 1, invalid: 2 } as const;

export interface OutputOptions {
  readonly format: 'text' | 'json';
}

/** Human output is colored only on a terminal, and never when NO_COLOR is set. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && process.env.NO_COLOR === undefined && process.env.CI === undefined;
}

export function report(diagnostics: readonly Diagnostic[], opts: OutputOptions): void {
  if (opts.format === 'json') {
    process.stdout.write(diagnosticsToJson(diagnostics));
    return;
  }
  if (diagnostics.length > 0) process.stderr.write(formatDiagnostics(diagnostics, { color: useColor(process.stderr) }));
}
