/** Providers: where models live and how the gateway authenticates to them. */
import { z } from 'zod';
import { SecretSchema } from './secret.ts';

const Url = z.url({ protocol: /^https?$/ }).meta({ id: 'HttpUrl' });

/** How the gateway authenticates to the provider. Set exactly one of `header`, `query`, `body`,
 * `aws`, `gcpServiceAccount`, `azureManagedIdentity`. */
export const ProviderAuthSchema = z
  .strictObject({
    /** Header name, e.g. `Authorization` (value `Bearer sk-…` stored whole in the secret) or `x-api-key`. */
    header: z.string().min(1).optional(),
    /** Query parameter name, e.g. `key` for Gemini. */
    query: z.string().min(1).optional(),
    /** JSON body field name. */
    body: z.string().min(1).optional(),
    /** The secret sent in `header`, `query` or `body`. */
    value: SecretSchema.optional(),
    /** Static AWS credentials (Bedrock). Without them the gateway uses its environment's. */
    aws: z.strictObject({ accessKeyId: SecretSchema, secretAccessKey: SecretSchema }).optional(),
    /** A GCP service account (Gemini/Vertex); `true` reads it from the gateway's environment. */
    gcpServiceAccount: z.union([z.literal(true), SecretSchema]).optional(),
    /** Azure managed identity; `true` uses the system-assigned identity. */
    azureManagedIdentity: z
      .union([
        z.literal(true),
        z.strictObject({ clientId: z.string().min(1).optional(), tenantId: z.string().min(1).optional(), clientSecret: SecretSchema.optional() }),
      ])
      .optional(),
  })
  .describe('How the gateway authenticates to the provider.')
  .meta({ id: 'ProviderAuth' });

const common = {
  /** How the gateway authenticates to the provider. */
  auth: ProviderAuthSchema.optional(),
  /** Let a client's own credential win over the configured one. @default false */
  allowAuthOverride: z.boolean().default(false).describe('Let a client credential override the configured one.').meta({ id: 'AllowAuthOverride' }),
  /** Full endpoint URL, path included; overrides the provider's default endpoint. */
  url: Url.optional().describe('Full endpoint URL, path included; overrides the default.').meta({ id: 'ProviderUrl' }),
};

export const ProviderSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('openai'), ...common }).describe('OpenAI.'),
  z
    .strictObject({ kind: z.literal('openai-compatible'), ...common, url: Url.describe('Full endpoint URL, e.g. https://api.deepseek.com:443/v1/chat/completions.') })
    .describe('Any OpenAI-compatible service (DeepSeek, Moonshot, vLLM, …), reached at `url`.'),
  z
    .strictObject({
      kind: z.literal('azure'),
      ...common,
      /** The Azure OpenAI instance: `https://<instance>.openai.azure.com`. */
      instance: z.string().min(1).describe('Azure OpenAI instance name.'),
      /** @default "2023-05-15" */
      apiVersion: z.string().min(1).default('2023-05-15').describe('Azure OpenAI API version.'),
    })
    .describe('Azure OpenAI. Each model names its deployment.'),
  z
    .strictObject({
      kind: z.literal('anthropic'),
      ...common,
      /** Sent as the `anthropic-version` header. @default "2023-06-01" */
      version: z.string().min(1).default('2023-06-01').describe('The anthropic-version header.'),
    })
    .describe('Anthropic.'),
  z.strictObject({ kind: z.literal('cohere'), ...common }).describe('Cohere.'),
  z
    .strictObject({
      kind: z.literal('mistral'),
      ...common,
      /** `openai` for Mistral's API; `ollama` for a self-hosted Ollama (needs `url`). @default "openai" */
      format: z.enum(['openai', 'ollama']).default('openai').describe('Wire format.'),
    })
    .describe('Mistral.'),
  z
    .strictObject({
      kind: z.literal('llama2'),
      ...common,
      /** How the self-hosted server speaks: `raw` (text-generation), `openai` or `ollama`. */
      format: z.enum(['raw', 'openai', 'ollama']).describe('Wire format of the self-hosted server.'),
    })
    .describe('Llama 2 on a self-hosted server; needs `url`.'),
  z
    .strictObject({
      kind: z.literal('gemini'),
      ...common,
      /** Vertex AI instead of the Gemini API. */
      vertex: z
        .strictObject({ apiEndpoint: z.string().min(1), projectId: z.string().min(1), locationId: z.string().min(1) })
        .optional()
        .describe('Vertex AI endpoint, project and location.'),
    })
    .describe('Google Gemini (API key) or Vertex AI (service account).'),
  z
    .strictObject({
      kind: z.literal('bedrock'),
      ...common,
      /** AWS region, e.g. `us-east-1`. */
      region: z.string().min(1).describe('AWS region.'),
    })
    .describe('AWS Bedrock (Converse API, SigV4).'),
  z.strictObject({ kind: z.literal('ollama'), ...common }).describe('Ollama; defaults to http://localhost:11434.'),
]);

export type ProviderInput = z.input<typeof ProviderSchema>;
export type ProviderOutput = z.output<typeof ProviderSchema>;
export type ProviderAuthOutput = z.output<typeof ProviderAuthSchema>;
