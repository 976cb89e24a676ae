/** Routes: the paths clients call, and which models serve them. */
import { z } from 'zod';
import { BalancerSchema, PoliciesSchema, RouteModelSchema } from './policies.ts';

const RoutePath = z
  .string()
  .regex(/^(\/|~\/)/, { message: 'a route path starts with "/" (prefix) or "~/" (regex)' })
  .describe('A path prefix like /chat, or a regex starting with ~/.')
  .meta({ id: 'RoutePath' });

export const KeyAuthSchema = z
  .strictObject({
    /** Where clients put their key. @default ["apikey"] */
    keyNames: z.array(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { message: 'a key name must be a valid header name' })).min(1).default(['apikey']),
    /** Remove the key before proxying. @default true */
    hideCredentials: z.boolean().default(true),
    /** @default true */
    keyInHeader: z.boolean().default(true),
    /** @default true */
    keyInQuery: z.boolean().default(true),
    /** @default false */
    keyInBody: z.boolean().default(false),
  })
  .describe('API-key authentication of consumers.')
  .meta({ id: 'KeyAuth' });

export const RouteSchema = z
  .strictObject({
    /** One path, e.g. `/openai/chat`. Use `paths` for several. */
    path: RoutePath.optional(),
    /** Several paths. */
    paths: z.array(RoutePath).min(1).optional(),
    /** `chat` (messages) or `completions` (prompt). @default "chat" */
    type: z.enum(['chat', 'completions']).default('chat').describe('chat or completions.'),
    /** The model that serves this route, by key under `models`. */
    model: z.string().min(1).optional().describe('A model name from `models`.'),
    /** Several models: the gateway balances across them and fails over between them. */
    models: z.array(RouteModelSchema).min(1).optional().describe('Several models (names, or { model, weight }); the gateway balances across them.'),
    /** How several models are balanced, retried and failed over. */
    balancer: BalancerSchema.optional(),
    /** Policies for this route. */
    policies: PoliciesSchema.optional(),
    /** `allow` lets clients ask for a stream, `deny` refuses, `always` streams. @default "allow" */
    streaming: z.enum(['allow', 'deny', 'always']).default('allow'),
    /** Require an API key: `true`, or key-auth options. @default false */
    auth: z.union([z.boolean(), KeyAuthSchema]).default(false).describe('Require consumers to send an API key.'),
    /** What the gateway logs. Statistics default to on (except Anthropic completions, which Kong cannot count). */
    logging: z.strictObject({ statistics: z.boolean().optional(), payloads: z.boolean().default(false) }).default({ payloads: false }),
    /** Add the `X-Kong-LLM-Model` response header. @default true */
    modelNameHeader: z.boolean().default(true),
  })
  .describe('A route clients call.')
  .meta({ id: 'Route' });

export type RouteInput = z.input<typeof RouteSchema>;
export type RouteOutput = z.output<typeof RouteSchema>;
