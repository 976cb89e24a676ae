/** Helpers that build secret references, so a config never holds a secret value. */
import type { SecretInput } from '../spec/secret.ts';

export const secret = {
  /** An environment variable where the gateway runs (upper-case, e.g. `OPENAI_API_KEY`). */
  env: (name: string): SecretInput => ({ env: name }),
  /** HashiCorp Vault KV; configure `vaults.hashicorp`. */
  hashicorp: (path: string, key: string): SecretInput => ({ hashicorp: { path, key } }),
  /** AWS Secrets Manager. */
  aws: (name: string, options: { key?: string; region?: string } = {}): SecretInput => ({ aws: { name, ...options } }),
  /** GCP Secret Manager. */
  gcp: (name: string, project: string): SecretInput => ({ gcp: { name, project } }),
  /** Azure Key Vault; configure `vaults.azure`. */
  azure: (name: string): SecretInput => ({ azure: { name } }),
};
