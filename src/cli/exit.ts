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

/** Where diagnostics are printed: a command's io (tests capture it) or the process's streams. */
export interface DiagnosticSink {
  /** Color the text on `err`. */
  readonly color: boolean;
  out(text: string): void;
  err(text: string): void;
}

/** JSON diagnostics go to stdout (the caller parses them), text to stderr. */
export function printDiagnostics(sink: DiagnosticSink, diagnostics: readonly Diagnostic[], format: 'text' | 'json'): void {
  if (format === 'json') sink.out(diagnosticsToJson(diagnostics));
  else if (diagnostics.length > 0) sink.err(formatDiagnostics(diagnostics, { color: sink.color }));
}

export function report(diagnostics: readonly Diagnostic[], opts: OutputOptions): void {
  const sink = { color: useColor(process.stderr), out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) };
  printDiagnostics(sink, diagnostics, opts.format);
}
