/** Masking secret fields in what a diff shows, the way `kubectl diff` does: `***` where both sides
 * agree, `*** (before)` / `*** (after)` where the value changes, so a rotation is visible but
 * never readable. Plans compare the real values; only their rendering goes through here. */
import type { Change } from './change.ts';
import { isRecord } from './equal.ts';

/** A path into an object; `*` matches every key of a map or every item of a list. */
export type FieldPath = readonly string[];

/** Per kind, the fields that hold secret values. */
export type SecretFields = Readonly<Record<string, readonly FieldPath[]>>;

export const MASK = '***';

export function maskChange(change: Change, fields: SecretFields): Change {
  const paths = fields[change.kind];
  if (paths === undefined || paths.length === 0) return change;
  let before = change.before;
  let after = change.after;
  for (const path of paths) [before, after] = maskPair(before, after, path);
  return { ...change, ...(change.before !== undefined && { before }), ...(change.after !== undefined && { after }) };
}

function maskPair(before: unknown, after: unknown, path: FieldPath): [unknown, unknown] {
  if (path.length === 0) {
    if (before === undefined || after === undefined || before === after) {
      return [before === undefined ? undefined : MASK, after === undefined ? undefined : MASK];
    }
    return [`${MASK} (before)`, `${MASK} (after)`];
  }
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(before) || Array.isArray(after)) {
    const b = Array.isArray(before) ? before : undefined;
    const a = Array.isArray(after) ? after : undefined;
    if (head !== '*') return [before, after];
    const n = Math.max(b?.length ?? 0, a?.length ?? 0);
    const nb: unknown[] = [];
    const na: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const [x, y] = maskPair(b?.[i], a?.[i], rest);
      if (b && i < b.length) nb.push(x);
      if (a && i < a.length) na.push(y);
    }
    return [b ? nb : before, a ? na : after];
  }
  const b = isRecord(before) ? before : undefined;
  const a = isRecord(after) ? after : undefined;
  if (b === undefined && a === undefined) return [before, after];
  const keys = head === '*' ? new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})]) : new Set([head]);
  const nb = b ? { ...b } : undefined;
  const na = a ? { ...a } : undefined;
  for (const k of keys) {
    const [x, y] = maskPair(b?.[k], a?.[k], rest);
    if (nb && Object.hasOwn(b ?? {}, k)) nb[k] = x;
    if (na && Object.hasOwn(a ?? {}, k)) na[k] = y;
  }
  return [nb ?? before, na ?? after];
}
