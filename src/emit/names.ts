/** Name derivation shared by targets: DNS-1123 names that stay unique and stable. */
import { createHash } from 'node:crypto';

const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 6);

/** A DNS-1123 label (≤63 chars, [a-z0-9-]); adds a short hash when the name had to change. */
export function dnsLabel(...parts: string[]): string {
  const raw = parts.join('-');
  let name = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (name !== raw || name.length > 63) name = `${name.slice(0, 56).replace(/-$/, '')}-${shortHash(raw)}`;
  return name === '' ? `x-${shortHash(raw)}` : name;
}
