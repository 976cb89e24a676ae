/**
 * Parses JSON and YAML configs. Error messages carry line and column but no source text: parsers
 * quote the offending text, and a config may hold an inline API key.
 */
import { parseDocument, type YAMLError } from 'yaml';
import { warning, type Diagnostic, type Result } from '../diagnostics/index.ts';
import { loadDiagnostic } from './errors.ts';

export function parseJson(text: string, file: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(stripBom(text)), warnings: [] };
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const at = jsonPosition(message, stripBom(text));
    const cause = withoutJsonSnippet(message) + (at === undefined ? '' : ` at line ${at.line}, column ${at.col}`);
    return { ok: false, diagnostics: [loadDiagnostic('config_load_failed', file, `invalid JSON: ${cause}`)] };
  }
}

export function parseYaml(text: string, file: string): Result<unknown> {
  const doc = parseDocument(stripBom(text), { prettyErrors: true });
  if (doc.errors.length > 0) {
    // Report every syntax error at once, like every other stage does.
    const diagnostics = doc.errors.map((e) => loadDiagnostic('config_load_failed', file, `invalid YAML: ${yamlMessage(e)}`));
    return { ok: false, diagnostics };
  }
  const warnings: Diagnostic[] = doc.warnings.map((w) => ({ ...warning('invalid_format', [], `YAML: ${yamlMessage(w)}`), file }));
  try {
    return { ok: true, value: doc.toJS(), warnings };
  } catch (thrown) {
    // toJS throws for things only found while building values, e.g. an alias to an unknown anchor.
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return { ok: false, diagnostics: [loadDiagnostic('config_load_failed', file, `invalid YAML: ${message}`)] };
  }
}

/** With prettyErrors the message is "<what> at line L, column C:" followed by a code frame. */
function yamlMessage(e: YAMLError): string {
  return (e.message.split('\n')[0] ?? e.message).replace(/:$/, '');
}

/** V8 appends the source (or a window of it) as `, "..." is not valid JSON`. */
function withoutJsonSnippet(message: string): string {
  return message
    .replace(/, (\.\.\.)?"[\s\S]*" is not valid JSON$/, '')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?$/, '')
    // What is left is one line, except when the unexpected token is itself a line break or tab.
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
}

interface Position {
  readonly line: number;
  readonly col: number;
}

function jsonPosition(message: string, text: string): Position | undefined {
  const v8 = /\(line (\d+) column (\d+)\)/.exec(message);
  if (v8) return { line: Number(v8[1]), col: Number(v8[2]) };
  // V8 gives no position for "Unexpected token"; YAML's JSON schema finds the same faults with one.
  const located = parseDocument(text, { schema: 'json', prettyErrors: true }).errors[0]?.linePos?.[0];
  return located === undefined ? undefined : { line: located.line, col: located.col };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
