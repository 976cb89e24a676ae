/** AI policies in the model: what each one means, independent of how any gateway spells it. */
import type { SecretRef } from './secret.ts';

export interface PromptMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface PromptGuardPolicy {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  /** Check every role, not only `user`. */
  readonly matchAllRoles: boolean;
  /** Check only the latest message instead of the whole conversation. */
  readonly latestOnly: boolean;
}

export interface PromptDecoratorPolicy {
  readonly prepend: readonly PromptMessage[];
  readonly append: readonly PromptMessage[];
}

export interface PromptTemplate {
  readonly name: string;
  /** A whole JSON request body with `{{placeholders}}`. */
  readonly template: string;
}

export interface PromptTemplatesPolicy {
  readonly templates: readonly PromptTemplate[];
  readonly allowUntemplated: boolean;
  readonly logOriginalRequest: boolean;
}

export interface RequestTransformerPolicy {
  readonly prompt: string;
  /** The model (by name) that performs the transformation. */
  readonly model: string;
  readonly extractPattern?: string;
  readonly timeoutMs: number;
}

export interface ResponseTransformerPolicy extends RequestTransformerPolicy {
  /** Read `{status, headers, body}` from the model's answer. */
  readonly parseJsonInstructions: boolean;
}

export const LIMIT_COUNTS = ['requests', 'total-tokens', 'prompt-tokens', 'completion-tokens', 'cost'] as const;
export type LimitCount = (typeof LIMIT_COUNTS)[number];
export const LIMIT_KEYS = ['consumer', 'consumer-group', 'credential', 'ip', 'route', 'header'] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];

export interface Limit {
  /** Tokens, requests, or money (with `count: 'cost'`) per window. */
  readonly limit: number;
  readonly windowSeconds: number;
  readonly count: LimitCount;
  /** What the counter is kept per. */
  readonly by: LimitKey;
  /** The header whose value keys the counter, with `by: 'header'`. */
  readonly header?: string;
}

export interface LimitsPolicy {
  readonly limits: readonly Limit[];
  readonly window: 'sliding' | 'fixed';
  /** Don't send the rate-limit headers to clients. */
  readonly hideHeaders: boolean;
}

export interface SemanticSearch {
  /** An embeddings model, by name. */
  readonly embeddings: string;
  readonly dimensions: number;
  readonly distance: 'cosine' | 'euclidean';
  readonly threshold: number;
}

export interface CachePolicy {
  readonly ttlSeconds: number;
  /** Honour the client's Cache-Control. */
  readonly cacheControl: boolean;
  /** Also answer similar (not only identical) prompts from the cache. */
  readonly semantic?: SemanticSearch;
}

export interface SemanticGuardPolicy {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  readonly matchAllRoles: boolean;
  readonly latestOnly: boolean;
  readonly search: SemanticSearch;
}

export interface ObservabilityPolicy {
  readonly prometheus?: { readonly perConsumer: boolean; readonly statusCodes: boolean; readonly latency: boolean; readonly bandwidth: boolean };
  readonly opentelemetry?: {
    readonly traces?: string;
    readonly logs?: string;
    readonly metrics?: string;
    readonly sampleRate?: number;
    readonly headers: Readonly<Record<string, SecretRef>>;
    readonly resourceAttributes: Readonly<Record<string, string>>;
  };
  readonly statsd?: { readonly host: string; readonly port: number; readonly prefix: string };
  readonly zipkin?: { readonly endpoint: string; readonly sampleRatio: number };
  readonly datadog?: { readonly host: string; readonly port: number; readonly prefix: string };
  readonly logs?: {
    readonly http?: string;
    readonly file?: string;
    readonly tcp?: { readonly host: string; readonly port: number };
    /** Log request and response bodies too. */
    readonly payloads: boolean;
  };
}

/** Every policy kind; a scope has at most one of each. */
export interface Policies {
  readonly promptGuard?: PromptGuardPolicy;
  readonly promptDecorator?: PromptDecoratorPolicy;
  readonly promptTemplates?: PromptTemplatesPolicy;
  readonly requestTransformer?: RequestTransformerPolicy;
  readonly responseTransformer?: ResponseTransformerPolicy;
  readonly limits?: LimitsPolicy;
  readonly cache?: CachePolicy;
  readonly semanticGuard?: SemanticGuardPolicy;
  readonly observability?: ObservabilityPolicy;
}
export type PolicyKind = keyof Policies;
export const POLICY_KINDS = [
  'requestTransformer',
  'promptTemplates',
  'promptDecorator',
  'promptGuard',
  'semanticGuard',
  'cache',
  'limits',
  'responseTransformer',
  'observability',
] as const satisfies readonly PolicyKind[];

export type PolicyScope = 'global' | 'route' | 'consumer' | 'consumer-group';

export const BALANCER_ALGORITHMS = ['round-robin', 'priority', 'lowest-latency', 'lowest-usage', 'least-connections', 'consistent-hashing'] as const;
export type BalancerAlgorithm = (typeof BALANCER_ALGORITHMS)[number];
export const FAILOVER_CRITERIA = ['error', 'timeout', 'invalid_header', 'http_403', 'http_404', 'http_429', 'http_500', 'http_502', 'http_503', 'http_504'] as const;
export type FailoverCriterion = (typeof FAILOVER_CRITERIA)[number];

/** How a route with several models picks one and what happens when it fails. */
export interface Balancer {
  readonly algorithm: BalancerAlgorithm;
  /** Weight per model name (1–65535); with `priority`, the highest weight is tried first. */
  readonly weights: Readonly<Record<string, number>>;
  /** How many other models to try after a failure. */
  readonly retries: number;
  readonly failover: readonly FailoverCriterion[];
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly writeTimeoutMs: number;
  readonly hashOnHeader?: string;
  readonly latency: 'tpot' | 'e2e';
  readonly usage: 'total-tokens' | 'prompt-tokens' | 'completion-tokens' | 'cost';
}

/** Shared Redis for rate-limit counters, the cache and vector search. */
export interface RedisSettings {
  readonly host: string;
  readonly port: number;
  readonly database: number;
  readonly username?: string;
  readonly password?: SecretRef;
  readonly tls: boolean;
}
