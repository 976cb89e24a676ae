/** A fast YAML writer for plain data (maps, lists, strings, numbers, booleans, null), laid out as
 * the `yaml` package lays it out. The package took 60% of a 10,000-route compile; this writes the
 * same documents in a fraction of the time. Strings stay plain only when no YAML 1.1 or 1.2 reader
 * could take them for anything else; every other string is written JSON-quoted, which both read. */

import { parse } from 'yaml';

/** YAML 1.1 words that are not strings (booleans, null) in some reader. */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;
/** Plain scalars we allow: a letter, `_`, `/` or `$` first; then a safe set (flow indicators are
 * fine inside a block-context scalar); no `: `, ` #` or trailing space, checked below. `$` is allowed
 * first because decK substitutes `${{ env "DECK_X" }}` in the raw text before it parses YAML, so such
 * a value must be written exactly as is (plain), never escaped inside quotes. */
const PLAIN = /^[\p{L}_/$~][^\x00-\x1f\x7f]*$/u;
/** Starts that could make a number, a date or a time in YAML 1.1; such strings are read back to decide. */
const NUMERIC_START = /^[0-9+.-]/;
const SAFE_REST = /^[A-Za-z0-9_./:@+-]*$/;

// Most strings repeat across a file (tags, plugin names, field values); decide each once.
const decided = new Map<string, string>();

function scalar(s: string): string {
  let out = decided.get(s);
  if (out === undefined) {
    out = decide(s);
    if (decided.size < 100_000) decided.set(s, out);
  }
  return out;
}

function decide(s: string): string {
  const tricky = s === '' || s.endsWith(' ') || s.includes(': ') || s.includes(' #') || s.endsWith(':');
  if (!tricky && PLAIN.test(s) && !RESERVED.test(s)) return s;
  if (!tricky && NUMERIC_START.test(s) && SAFE_REST.test(s) && !s.startsWith('-') && parse(s, { version: '1.1' }) === s) return s;
  // JSON bodies (templates) read far better single-quoted; single quotes only escape themselves.
  if (s.includes('"') && !/[\x00-\x1f\x7f]/.test(s)) return `'${s.replaceAll("'", "''")}'`;
  return JSON.stringify(s);
}

function leaf(v: unknown): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return scalar(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (typeof v === 'object' && Object.keys(v as object).length === 0) return '{}';
  return undefined;
}

function write(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      const l = leaf(item);
      if (l !== undefined) out.push(`${indent}- ${l}\n`);
      else if (Array.isArray(item)) {
        out.push(`${indent}-\n`);
        write(item, `${indent}  `, out);
      } else {
        // The first key of a map in a list shares the dash's line, as `yaml` writes it.
        const start = out.length;
        write(item, `${indent}  `, out);
        out[start] = `${indent}- ${out[start]!.slice(indent.length + 2)}`;
      }
    }
    return;
  }
  for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
    const l = leaf(child);
    if (l !== undefined) out.push(`${indent}${scalar(k)}: ${l}\n`);
    else {
      out.push(`${indent}${scalar(k)}:\n`);
      write(child, `${indent}  `, out);
    }
  }
}

export function writeYaml(value: unknown): string {
  const l = leaf(value);
  if (l !== undefined) return `${l}\n`;
  const out: string[] = [];
  write(value, '', out);
  return out.join('');
}
