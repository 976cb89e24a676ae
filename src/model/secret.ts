/** Secret references: where a credential lives. The model never holds a secret value, except an
 * `inline` one the user explicitly allowed for local testing. */
import { createHash } from 'node:crypto';

export type SecretRef =
  /** An environment variable, read where the gateway runs. */
  | { readonly kind: 'env'; readonly name: string }
  /** HashiCorp Vault KV: `path` inside the mount, `key` inside the secret. */
  | { readonly kind: 'hashicorp'; readonly path: string; readonly key: string }
  /** AWS Secrets Manager: secret `name`, optional JSON `key`, optional region. */
  | { readonly kind: 'aws'; readonly name: string; readonly key?: string; readonly region?: string }
  /** GCP Secret Manager: secret `name` in `project`. */
  | { readonly kind: 'gcp'; readonly name: string; readonly project: string }
  /** Azure Key Vault: secret `name` in the vault configured under `vaults.azure`. */
  | { readonly kind: 'azure'; readonly name: string }
  /** A literal value, only with `allowInlineSecrets: true` (local testing). */
  | { readonly kind: 'inline'; readonly value: string };

export type SecretKind = SecretRef['kind'];

/** How a secret is shown anywhere a person may read it: never the value. */
export function describeSecret(ref: SecretRef): string {
  switch (ref.kind) {
    case 'env':
      return `env:${ref.name}`;
    case 'hashicorp':
      return `hashicorp:${ref.path}#${ref.key}`;
    case 'aws':
      return `aws:${ref.name}${ref.key ? `#${ref.key}` : ''}`;
    case 'gcp':
      return `gcp:${ref.project}/${ref.name}`;
    case 'azure':
      return `azure:${ref.name}`;
    case 'inline':
      return 'inline:****';
  }
}

/** A JSON value shaped as an inline secret: `{ kind: 'inline', value }`. */
export function isInlineSecret(v: unknown): v is Extract<SecretRef, { kind: 'inline' }> {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'inline' && typeof (v as { value?: unknown }).value === 'string';
}

/** A copy of a JSON value with each inline secret's value put through `f`. */
function mapInlineSecrets(value: unknown, f: (secret: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapInlineSecrets(v, f));
  if (typeof value !== 'object' || value === null) return value;
  if (isInlineSecret(value)) return { ...value, value: f(value.value) };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapInlineSecrets(v, f)]));
}

/** A copy of `value` with every inline secret's value replaced by its sha256 (`sha256:<hex>`):
 * what the reference proxy's admin API serves and what a diff compares it with, so an inline
 * value never leaves the process and a change to one still shows. */
export function digestInlineSecrets(value: unknown): unknown {
  return mapInlineSecrets(value, (secret) => `sha256:${createHash('sha256').update(secret).digest('hex')}`);
}

/** Every inline secret value in a JSON value (a model, a bundle), for a redactor to know. */
export function inlineSecretValues(value: unknown): string[] {
  const found: string[] = [];
  mapInlineSecrets(value, (secret) => {
    found.push(secret);
    return secret;
  });
  return found;
}
