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

/** A copy of `value` with every inline secret's value replaced by its sha256 (`sha256:<hex>`):
 * what the reference proxy's admin API serves and what a diff compares it with, so an inline
 * value never leaves the process and a change to one still shows. */
export function digestInlineSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(digestInlineSecrets);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  if (o.kind === 'inline' && typeof o.value === 'string') return { ...o, value: `sha256:${createHash('sha256').update(o.value).digest('hex')}` };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, digestInlineSecrets(v)]));
}
