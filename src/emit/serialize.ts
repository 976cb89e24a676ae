/** Deterministic serialisation: YAML (written by ./yaml-writer.ts) and JSON with LF endings, keys in
 * construction order and undefined values dropped. Every target writes through here so goldens stay
 * byte-stable. */
import { writeYaml } from './yaml-writer.ts';

/** Drops undefined (recursively) so optional fields never show up as `null` or vary by input. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out as T;
  }
  return value;
}

/** YAML via ./yaml-writer.ts; `header` lines become leading comments. */
export function toYaml(value: unknown, header?: string): string {
  // Kong's tools (decK, kubectl) read YAML with 1.1 rules, where 2023-06-01, yes and on are not
  // strings: the writer quotes every string any reader could mistake.
  const body = writeYaml(clean(value));
  return `${header ? `${header.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n')}\n` : ''}${body}`;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(clean(value), null, 2)}\n`;
}

/** Several YAML documents in one file, e.g. Kubernetes manifests; `header` opens the first. */
export function toYamlDocuments(values: readonly unknown[], header?: string): string {
  return values.map((v, i) => toYaml(v, i === 0 ? header : undefined)).join('---\n');
}
