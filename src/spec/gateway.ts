/** The root of a gateway config: the one schema users write against, in TS, JSON or YAML. */
import { z } from 'zod';
import { KONG_VERSIONS } from '../model/index.ts';
import { ConsumerGroupSchema, ConsumerSchema } from './consumer.ts';
import { ModelSchema } from './model.ts';
import { PoliciesSchema, PresetSchema, RedisSchema } from './policies.ts';
import { TestCaseSchema } from './tests.ts';
import { ProviderSchema } from './provider.ts';
import { RouteSchema } from './route.ts';
import { VaultsSchema } from './vaults.ts';

/** Kong entity names allow letters, digits and `.-_~`. */
export const EntityName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/, { message: 'names use letters, digits and . - _ ~, starting with a letter or digit' });

/** Consumer usernames may be e-mail addresses and the like; only whitespace and commas are out. */
export const ConsumerName = z.string().regex(/^[^\s,]+$/, { message: 'consumer names have no spaces or commas' });

export const GatewayName = z
  .string()
  .max(40)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, { message: 'the gateway name is lower-case letters, digits and dashes' });

/** Each section is a map from name to entity; `parse.ts` checks entities one by one. */
export const SECTIONS = {
  providers: { key: EntityName, value: ProviderSchema, required: true },
  models: { key: EntityName, value: ModelSchema, required: true },
  routes: { key: EntityName, value: RouteSchema, required: true },
  consumers: { key: ConsumerName, value: ConsumerSchema, required: false },
  consumerGroups: { key: EntityName, value: ConsumerGroupSchema, required: false },
  presets: { key: EntityName, value: PresetSchema, required: false },
  templates: { key: EntityName, value: z.string().min(1), required: false },
} as const;
export type SectionName = keyof typeof SECTIONS;

const scalars = {
  /** For YAML/JSON editors: the JSON Schema of this file. */
  $schema: z.string().optional(),
  /** The gateway's name: lower-case, dashes. Every object aigate writes carries it, so aigate owns only what it made. */
  name: GatewayName.describe('The gateway name; tags and labels carry it.'),
  /** Kong settings for the Kong targets. */
  kong: z
    .strictObject({
      /** The Kong Gateway version the output is for; picks the field set. @default "3.15" */
      version: z.enum(KONG_VERSIONS).default('3.15'),
    })
    .default({ version: '3.15' }),
  /** Allow literal secrets (`'sk-…'` or `{ value }`). For local tests only; Kong targets refuse them. @default false */
  allowInlineSecrets: z.boolean().default(false),
  /** Vaults that `hashicorp` and `azure` secret references need. */
  vaults: VaultsSchema.default({}),
  /** Redis shared by proxies for rate-limit counters, the cache and vector search. */
  redis: RedisSchema.optional(),
  /** Policies for every route. */
  policies: PoliciesSchema.optional(),
  /** Overrides per environment, applied with `--env NAME` before anything is checked: objects
   * merge, arrays and values replace, `null` removes. @example { prod: { providers: { openai: { url: '…' } } } } */
  environments: z.record(EntityName, z.record(z.string(), z.unknown())).optional(),
};

export const GatewayConfigSchema = z
  .strictObject({
    ...scalars,
    /** LLM providers, by name. @example { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_AUTH' } } } } */
    providers: z.record(EntityName, ProviderSchema).describe('LLM providers, by name.'),
    /** Models, by name. @example { gpt4o: { provider: 'openai', model: 'gpt-4o' } } */
    models: z.record(EntityName, ModelSchema).describe('Models, by name.'),
    /** Routes, by name. @example { chat: { path: '/chat', model: 'gpt4o' } } */
    routes: z.record(EntityName, RouteSchema).describe('Routes, by name.'),
    /** Consumers, by username. */
    consumers: z.record(ConsumerName, ConsumerSchema).default({}).describe('Consumers, by username.'),
    /** Consumer groups, by name. */
    consumerGroups: z.record(EntityName, ConsumerGroupSchema).default({}).describe('Consumer groups, by name.'),
    /** Reusable policy sets, by name; scopes apply them with `policies.use`. */
    presets: z.record(EntityName, PresetSchema).default({}).describe('Reusable policy sets, by name.'),
    /** Prompt templates, by name: whole JSON request bodies with `{{placeholders}}`. */
    templates: z.record(EntityName, z.string().min(1)).default({}).describe('Prompt templates, by name.'),
    /** Policy tests `aigate test` runs on the reference proxy with mock providers. */
    tests: z.array(TestCaseSchema).default([]).describe('Policy tests, run by aigate test.'),
  })
  .describe('An aigate gateway config.');

/** The same root, with each section's entities left unchecked so they can be checked one by one. */
export const GatewayShellSchema = z.strictObject({
  ...scalars,
  providers: z.record(z.string(), z.unknown()),
  models: z.record(z.string(), z.unknown()),
  routes: z.record(z.string(), z.unknown()),
  consumers: z.record(z.string(), z.unknown()).default({}),
  consumerGroups: z.record(z.string(), z.unknown()).default({}),
  presets: z.record(z.string(), z.unknown()).default({}),
  templates: z.record(z.string(), z.unknown()).default({}),
  tests: z.array(z.unknown()).default([]),
});

export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;
export type GatewayConfigOutput = z.output<typeof GatewayConfigSchema>;
