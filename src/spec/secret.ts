/** How a config names a secret: a reference (env, Vault, a cloud secret manager), never a value. */
import { z } from 'zod';

const EnvName = z.string().min(1).describe('Environment variable name, e.g. OPENAI_API_KEY.');

/** A reference to a secret. Exactly one key. A plain string is a literal secret and is rejected
 * unless the config sets `allowInlineSecrets: true` (local testing only). */
export const SecretObjectSchema = z
  .strictObject({
    /** An environment variable where the gateway runs, e.g. `{ env: 'OPENAI_API_KEY' }`. */
    env: EnvName.optional(),
    /** HashiCorp Vault (configure `vaults.hashicorp`): `{ hashicorp: { path: 'ai/openai', key: 'token' } }`. */
    hashicorp: z.strictObject({ path: z.string().min(1), key: z.string().min(1) }).optional(),
    /** AWS Secrets Manager: secret name, optional JSON key and region. */
    aws: z.strictObject({ name: z.string().min(1), key: z.string().min(1).optional(), region: z.string().min(1).optional() }).optional(),
    /** GCP Secret Manager: secret name and project id. */
    gcp: z.strictObject({ name: z.string().min(1), project: z.string().min(1) }).optional(),
    /** Azure Key Vault (configure `vaults.azure`): the secret's name. */
    azure: z.strictObject({ name: z.string().min(1) }).optional(),
    /** A literal value. Allowed only with `allowInlineSecrets: true`, for local tests. */
    value: z.string().optional(),
  })
  .describe('A secret reference: exactly one of env, hashicorp, aws, gcp, azure (or value, for local tests).')
  .meta({ id: 'SecretReference' });

export const SecretSchema = z
  .union([z.string(), SecretObjectSchema])
  .describe('A secret reference such as { env: "OPENAI_API_KEY" }. Literal strings are rejected unless allowInlineSecrets is true.')
  .meta({ id: 'Secret' });

export type SecretInput = z.input<typeof SecretSchema>;
export type SecretOutput = z.output<typeof SecretSchema>;
