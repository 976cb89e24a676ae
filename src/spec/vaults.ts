/** Vault settings for secret references that need a configured vault (HashiCorp, Azure). */
import { z } from 'zod';
import { SecretSchema } from './secret.ts';

export const VaultsSchema = z
  .strictObject({
    /** HashiCorp Vault, for `{ hashicorp: {...} }` secrets. */
    hashicorp: z
      .strictObject({
        host: z.string().min(1),
        /** @default 8200 */
        port: z.int().min(1).max(65535).default(8200),
        /** @default "https" */
        protocol: z.enum(['http', 'https']).default('https'),
        /** KV mount. @default "secret" */
        mount: z.string().min(1).default('secret'),
        /** @default "v2" */
        kv: z.enum(['v1', 'v2']).default('v2'),
        /** @default "token" */
        authMethod: z.enum(['token', 'kubernetes', 'approle']).default('token'),
        /** Vault token (for `authMethod: token`), itself a reference. */
        token: SecretSchema.optional(),
        /** Kubernetes auth role. */
        kubernetesRole: z.string().min(1).optional(),
      })
      .optional(),
    /** Azure Key Vault, for `{ azure: {...} }` secrets. */
    azure: z
      .strictObject({
        vaultUri: z.url(),
        tenantId: z.string().min(1).optional(),
        clientId: z.string().min(1).optional(),
        location: z.string().min(1).optional(),
      })
      .optional(),
  })
  .describe('Vaults that secret references use.');

export type VaultsOutput = z.output<typeof VaultsSchema>;
