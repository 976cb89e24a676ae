/** AI policies as users write them, attachable globally, per route, consumer and consumer group. */
import { z } from 'zod';
import { SecretSchema } from './secret.ts';

const Pattern = z.string().min(1).max(500);
const Message = z.strictObject({
  /** @default "system" */
  role: z.enum(['system', 'user', 'assistant']).default('system'),
  content: z.string().min(1).max(100_000),
});

/** Blocks prompts by regular expression. Deny patterns win over allow patterns. */
export const PromptGuardSchema = z
  .strictObject({
    /** Prompts matching any of these are refused with 400. At most 10. */
    deny: z.array(Pattern).max(10).default([]),
    /** If set, a prompt must match one of these. At most 10. */
    allow: z.array(Pattern).max(10).default([]),
    /** Which messages are checked: only `user` ones, or every role. @default "user" */
    roles: z.enum(['user', 'all']).default('user'),
    /** Check the whole conversation or only the latest message. @default "all" */
    history: z.enum(['all', 'latest']).default('all'),
  })
  .meta({ id: 'PromptGuard' });

/** Adds messages before and after the client's. */
export const PromptDecoratorSchema = z
  .strictObject({
    prepend: z.array(Message).max(15).default([]),
    append: z.array(Message).max(15).default([]),
  })
  .meta({ id: 'PromptDecorator' });

/** Request templates clients call with `{template://name}`. */
export const PromptTemplatesSchema = z
  .strictObject({
    /** Names from the top-level `templates`, or `{ name, template }` written here. */
    templates: z.array(z.union([z.string().min(1), z.strictObject({ name: z.string().min(1), template: z.string().min(1) })])).min(1),
    /** Let requests that use no template through. @default true */
    allowUntemplated: z.boolean().default(true),
    /** Log the request as the client sent it. @default false */
    logOriginalRequest: z.boolean().default(false),
  })
  .meta({ id: 'PromptTemplates' });

const transformer = {
  /** The instruction the transforming model gets. */
  prompt: z.string().min(1),
  /** The model (by name under `models`) that transforms; a chat model. */
  model: z.string().min(1),
  /** A regex; its first match becomes the new body. */
  extract: z.string().min(1).optional(),
  /** @default 60000 */
  timeoutMs: z.int().positive().default(60_000),
};

/** Lets an LLM rewrite the request before it is proxied. */
export const RequestTransformerSchema = z.strictObject(transformer).meta({ id: 'RequestTransformer' });

/** Lets an LLM rewrite the response before the client gets it. */
export const ResponseTransformerSchema = z
  .strictObject({
    ...transformer,
    /** Read `{status, headers, body}` from the model's answer. @default false */
    jsonInstructions: z.boolean().default(false),
  })
  .meta({ id: 'ResponseTransformer' });

export const WINDOWS = { second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800, month: 2_592_000 } as const;

/** One limit: so many tokens, requests or money per window. */
export const LimitSchema = z
  .strictObject({
    limit: z.number().positive(),
    /** A named window, or seconds. `month` is 30 days. */
    window: z.union([z.enum(Object.keys(WINDOWS) as [keyof typeof WINDOWS]), z.int().positive()]),
    /** What is counted. `cost` uses the models' prices. @default "total-tokens" */
    count: z.enum(['requests', 'total-tokens', 'prompt-tokens', 'completion-tokens', 'cost']).default('total-tokens'),
    /** What the counter is kept per. @default "consumer" */
    by: z.enum(['consumer', 'consumer-group', 'credential', 'ip', 'route', 'header']).default('consumer'),
    /** With `by: 'header'`: the header whose value keys the counter. */
    header: z.string().min(1).optional(),
  })
  .meta({ id: 'Limit' });

export const LimitsSchema = z
  .union([
    z.array(LimitSchema).min(1),
    z.strictObject({
      rules: z.array(LimitSchema).min(1),
      /** @default "sliding" */
      window: z.enum(['sliding', 'fixed']).default('sliding'),
      /** Don't send rate-limit headers. @default false */
      hideHeaders: z.boolean().default(false),
    }),
  ])
  .meta({ id: 'Limits' });

/** Semantic search settings: an embeddings model and the vector index (in the gateway's `redis`). */
export const SemanticSearchSchema = z
  .strictObject({
    /** An embeddings model, by name under `models`. */
    embeddings: z.string().min(1),
    dimensions: z.int().positive(),
    /** @default "cosine" */
    distance: z.enum(['cosine', 'euclidean']).default('cosine'),
    /** @default 0.1 */
    threshold: z.number().min(0).max(1).default(0.1),
  })
  .meta({ id: 'SemanticSearch' });

/** Caches responses. The reference proxy serves exact matches; Kong's ai-semantic-cache also similar ones. */
export const CacheSchema = z
  .strictObject({
    /** Seconds. @default 300 */
    ttl: z.int().positive().default(300),
    /** Honour the client's Cache-Control. @default false */
    cacheControl: z.boolean().default(false),
    semantic: SemanticSearchSchema.optional(),
  })
  .meta({ id: 'Cache' });

/** Blocks prompts by meaning (Kong Enterprise; not run by the reference proxy). */
export const SemanticGuardSchema = z
  .strictObject({
    deny: z.array(z.string().min(1).max(500)).max(100).default([]),
    allow: z.array(z.string().min(1).max(500)).max(100).default([]),
    roles: z.enum(['user', 'all']).default('user'),
    history: z.enum(['all', 'latest']).default('latest'),
    search: SemanticSearchSchema,
  })
  .meta({ id: 'SemanticGuard' });

const HostPort = { host: z.string().min(1), port: z.int().min(1).max(65535) };
const Url = z.url({ protocol: /^https?$/ });

/** Metrics, traces and logs. */
export const ObservabilitySchema = z
  .strictObject({
    /** Prometheus with AI metrics; `true` for defaults. */
    prometheus: z
      .union([
        z.literal(true),
        z.strictObject({
          perConsumer: z.boolean().default(false),
          statusCodes: z.boolean().default(true),
          latency: z.boolean().default(true),
          bandwidth: z.boolean().default(false),
        }),
      ])
      .optional(),
    /** OpenTelemetry over OTLP/HTTP. */
    opentelemetry: z
      .strictObject({
        traces: Url.optional(),
        logs: Url.optional(),
        metrics: Url.optional(),
        /** 0 to 1. */
        sampleRate: z.number().min(0).max(1).optional(),
        /** Headers sent to the collector, e.g. an API key; values are secret references. */
        headers: z.record(z.string().min(1), SecretSchema).default({}),
        resourceAttributes: z.record(z.string().min(1), z.string()).default({}),
      })
      .optional(),
    statsd: z.strictObject({ ...HostPort, prefix: z.string().default('kong') }).optional(),
    zipkin: z.strictObject({ endpoint: Url, sampleRatio: z.number().min(0).max(1).default(0.001) }).optional(),
    datadog: z.strictObject({ ...HostPort, prefix: z.string().default('kong') }).optional(),
    /** Request logs with token statistics. */
    logs: z
      .strictObject({
        http: Url.optional(),
        file: z.string().min(1).optional(),
        tcp: z.strictObject(HostPort).optional(),
        /** Log request and response bodies too. @default false */
        payloads: z.boolean().default(false),
      })
      .optional(),
  })
  .meta({ id: 'Observability' });

const policyShape = {
  /** Presets (by name under `presets`) applied first; this scope's own policies win. */
  use: z.array(z.string().min(1)).default([]),
  promptGuard: PromptGuardSchema.optional(),
  promptDecorator: PromptDecoratorSchema.optional(),
  promptTemplates: PromptTemplatesSchema.optional(),
  requestTransformer: RequestTransformerSchema.optional(),
  responseTransformer: ResponseTransformerSchema.optional(),
  limits: LimitsSchema.optional(),
  cache: CacheSchema.optional(),
  semanticGuard: SemanticGuardSchema.optional(),
  observability: ObservabilitySchema.optional(),
};

/** The policies of one scope (global, a route, a consumer or a consumer group). */
export const PoliciesSchema = z.strictObject(policyShape).meta({ id: 'Policies' });

/** A named, reusable set of policies (a preset cannot use other presets). */
export const PresetSchema = z.strictObject({ ...policyShape, use: z.never().optional() }).meta({ id: 'Preset' });

/** How a route with several models balances and fails over. */
export const BalancerSchema = z
  .strictObject({
    /** @default "round-robin" */
    algorithm: z.enum(['round-robin', 'priority', 'lowest-latency', 'lowest-usage', 'least-connections', 'consistent-hashing']).default('round-robin'),
    /** Other models to try after a failure. @default 5 */
    retries: z.int().min(0).max(32767).default(5),
    /** When to try the next model. `5xx` means 500, 502, 503 and 504. @default ["error", "timeout"] */
    failover: z
      .array(z.union([z.enum(['error', 'timeout', 'invalid_header', '5xx']), z.literal([403, 404, 429, 500, 502, 503, 504])]))
      .default(['error', 'timeout']),
    /** Milliseconds. @default 60000 */
    connectTimeoutMs: z.int().min(1).max(2147483646).default(60_000),
    readTimeoutMs: z.int().min(1).max(2147483646).default(60_000),
    writeTimeoutMs: z.int().min(1).max(2147483646).default(60_000),
    /** With `consistent-hashing`: the header to hash. @default "X-Kong-LLM-Request-ID" */
    hashOnHeader: z.string().min(1).optional(),
    /** With `lowest-latency`: time per output token or end to end. @default "tpot" */
    latency: z.enum(['tpot', 'e2e']).default('tpot'),
    /** With `lowest-usage`: what usage means. @default "total-tokens" */
    usage: z.enum(['total-tokens', 'prompt-tokens', 'completion-tokens', 'cost']).default('total-tokens'),
  })
  .meta({ id: 'Balancer' });

/** A model on a route: a name, or a name with a weight (1–65535, default 100). */
export const RouteModelSchema = z.union([z.string().min(1), z.strictObject({ model: z.string().min(1), weight: z.int().min(1).max(65535).default(100) })]);

/** Shared Redis: rate-limit counters across proxies, the cache, vector search. */
export const RedisSchema = z
  .strictObject({
    host: z.string().min(1),
    /** @default 6379 */
    port: z.int().min(1).max(65535).default(6379),
    /** @default 0 */
    database: z.int().min(0).default(0),
    username: z.string().min(1).optional(),
    password: SecretSchema.optional(),
    /** @default false */
    tls: z.boolean().default(false),
  })
  .meta({ id: 'Redis' });

export type PoliciesOutput = z.output<typeof PoliciesSchema>;
export type PresetOutput = z.output<typeof PresetSchema>;
export type BalancerOutput = z.output<typeof BalancerSchema>;
export type LimitOutput = z.output<typeof LimitSchema>;
export type RouteModelOutput = z.output<typeof RouteModelSchema>;
