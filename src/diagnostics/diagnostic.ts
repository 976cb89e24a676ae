/** A problem found in a config or its output, as data. Only the CLI formats it. */
import type { DiagnosticCode } from './codes.ts';

export type PathSegment = string | number;
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Where in the config the problem is, e.g. ['providers', 'openai', 'auth', 'header']. */
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly hint?: string;
  /** The target that raised it, for `unsupported_by_target`. */
  readonly target?: string;
  /** The config file, when known. */
  readonly file?: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function error(
  code: DiagnosticCode,
  path: readonly PathSegment[],
  message: string,
  hint?: string,
): Diagnostic {
  return hint === undefined
    ? { code, severity: 'error', path, message }
    : { code, severity: 'error', path, message, hint };
}

/** The same as `error`, for something the user should know that does not stop the command. */
export function warning(
  code: DiagnosticCode,
  path: readonly PathSegment[],
  message: string,
  hint?: string,
): Diagnostic {
  return { ...error(code, path, message, hint), severity: 'warning' };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Builds a Result from a value and the diagnostics gathered while making it. */
export function resultOf<T>(value: T, diagnostics: readonly Diagnostic[]): Result<T> {
  return hasErrors(diagnostics)
    ? { ok: false, diagnostics }
    : { ok: true, value, warnings: diagnostics };
}

/** `providers.openai.auth[0]`: the dotted path users see. */
export function toDotPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}
