/** The model: the plain, readonly, versioned description of a gateway that every target and the
 * reference proxy read. It knows no Kong field names and no Kubernetes shapes. */
import type { Balancer, Policies, RedisSettings } from './policies.ts';
import type { SecretRef } from './secret.ts';

/** Bumped whenever a consumer of the model would misread an older or newer one. */
export const MODEL_FORMAT_VERSION = 1;

export const PROVIDER_KINDS = [
  'openai',
  'azure',
  'anthropic',
  'cohere',
  'mistral',
  'llama2',
  'gemini',
  'bedrock',
  'ollama',
  'openai-compatible',
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const ROUTE_TYPES = ['chat', 'completions'] as const;
export type RouteType = (typeof ROUTE_TYPES)[number];

export type ProviderAuth =
  | { readonly kind: 'header'; readonly name: string; readonly value: SecretRef }
  | { readonly kind: 'param'; readonly name: string; readonly value: SecretRef; readonly location: 'query' | 'body' }
  | { readonly kind: 'aws'; readonly accessKeyId: SecretRef; readonly secretAccessKey: SecretRef }
  /** A GCP service account; without `json` the gateway reads it from its environment. */
  | { readonly kind: 'gcp-service-account'; readonly json?: SecretRef }
  | {
      readonly kind: 'azure-managed-identity';
      readonly clientId?: string;
      readonly tenantId?: string;
      readonly clientSecret?: SecretRef;
    };

interface ProviderCommon {
  /** The key under `providers` in the config. */
  readonly name: string;
  readonly auth?: ProviderAuth;
  /** Let a client's own credential (header, query or body) win over the configured one. */
  readonly allowAuthOverride: boolean;
  /** Full URL of the upstream endpoint, path included; overrides the provider's default. */
  readonly upstreamUrl?: string;
}

export type Provider =
  | (ProviderCommon & { readonly kind: 'openai' | 'cohere' | 'ollama' | 'openai-compatible' })
  | (ProviderCommon & { readonly kind: 'azure'; readonly azure: { readonly instance: string; readonly apiVersion: string } })
  | (ProviderCommon & { readonly kind: 'anthropic'; readonly anthropicVersion: string })
  | (ProviderCommon & { readonly kind: 'mistral'; readonly format: 'openai' | 'ollama' })
  | (ProviderCommon & { readonly kind: 'llama2'; readonly format: 'raw' | 'openai' | 'ollama' })
  | (ProviderCommon & {
      readonly kind: 'gemini';
      readonly vertex?: { readonly apiEndpoint: string; readonly projectId: string; readonly locationId: string };
    })
  | (ProviderCommon & { readonly kind: 'bedrock'; readonly region: string });

export interface ModelOptions {
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  /** Price of one million prompt tokens, in the gateway's currency. */
  readonly inputCost?: number;
  /** Price of one million completion tokens. */
  readonly outputCost?: number;
}

export interface Model {
  /** The key under `models` in the config. */
  readonly name: string;
  /** `chat` models generate text (chat and completions routes); `embeddings` models feed semantic search. */
  readonly kind: 'chat' | 'embeddings';
  readonly provider: string;
  /** The model name the provider knows, e.g. `gpt-4o`. */
  readonly model: string;
  /** Another name clients may send as `model`. */
  readonly alias?: string;
  /** Azure deployment id; defaults to the model name. */
  readonly deployment?: string;
  readonly options: ModelOptions;
}

export type Streaming = 'allow' | 'deny' | 'always';

export interface KeyAuth {
  readonly keyNames: readonly string[];
  readonly hideCredentials: boolean;
  readonly keyInHeader: boolean;
  readonly keyInQuery: boolean;
  readonly keyInBody: boolean;
}

export interface Route {
  /** The key under `routes` in the config. */
  readonly name: string;
  readonly paths: readonly string[];
  readonly type: RouteType;
  /** Names of the models the route serves; more than one means the gateway balances across them. */
  readonly models: readonly string[];
  /** How several models are picked and failed over; defaults when the route has one model. */
  readonly balancer: Balancer;
  /** The route's own policies, presets applied. */
  readonly policies: Policies;
  readonly streaming: Streaming;
  /** Present when the route requires an API key. */
  readonly keyAuth?: KeyAuth;
  readonly logging: { readonly statistics: boolean; readonly payloads: boolean };
  /** Add the header naming the model that served the response. */
  readonly modelNameHeader: boolean;
}

export interface Credential {
  readonly kind: 'key-auth';
  readonly key: SecretRef;
}

export interface Consumer {
  readonly name: string;
  readonly customId?: string;
  readonly groups: readonly string[];
  readonly credentials: readonly Credential[];
  readonly policies: Policies;
}

export interface ConsumerGroup {
  readonly name: string;
  readonly policies: Policies;
}

export interface Vaults {
  readonly hashicorp?: {
    readonly host: string;
    readonly port: number;
    readonly protocol: 'http' | 'https';
    readonly mount: string;
    readonly kv: 'v1' | 'v2';
    readonly authMethod: 'token' | 'kubernetes' | 'approle';
    readonly token?: SecretRef;
    readonly kubernetesRole?: string;
  };
  readonly azure?: { readonly vaultUri: string; readonly tenantId?: string; readonly clientId?: string; readonly location?: string };
}

export const KONG_VERSIONS = ['3.10', '3.11', '3.12', '3.13', '3.14', '3.15'] as const;
export type KongVersion = (typeof KONG_VERSIONS)[number];

export interface GatewayModel {
  readonly formatVersion: typeof MODEL_FORMAT_VERSION;
  /** The gateway's name; tags and labels carry it so aigate owns only what it made. */
  readonly name: string;
  readonly kong: { readonly version: KongVersion };
  readonly providers: readonly Provider[];
  readonly models: readonly Model[];
  readonly routes: readonly Route[];
  readonly consumers: readonly Consumer[];
  readonly consumerGroups: readonly ConsumerGroup[];
  readonly vaults: Vaults;
  /** Policies for every route, presets applied. */
  readonly policies: Policies;
  readonly redis?: RedisSettings;
}
