/** Semantic search as Kong's AI plugins configure it: an `embeddings` record (the embeddings
 * model, its provider and credentials) and a `vectordb` record (Redis, dimensions, distance). */
import type { PathSegment } from '../../diagnostics/index.ts';
import { byName, type Provider, type SemanticSearch } from '../../model/index.ts';
import type { KongContext } from './context.ts';
import { providerAuth } from './llm-record.ts';
import type { LlmAuth } from './plugin-types.ts';
import { redisConfig, type RedisConfig } from './redis.ts';
import { firstVersionWith, kongHas } from './versions.ts';

export interface EmbeddingsConfig {
  readonly auth?: LlmAuth;
  readonly model: {
    readonly provider: string;
    readonly name: string;
    readonly options?: {
      readonly upstream_url?: string;
      readonly azure?: { readonly instance: string; readonly api_version: string; readonly deployment_id: string };
      readonly bedrock?: { readonly aws_region: string };
      readonly gemini?: { readonly api_endpoint: string; readonly project_id: string; readonly location_id: string };
    };
  };
}

export interface VectordbConfig {
  readonly strategy: 'redis';
  readonly dimensions: number;
  readonly distance_metric: 'cosine' | 'euclidean';
  readonly threshold: number;
  readonly redis?: RedisConfig;
}

/** `at` is the config path of the semantic search settings, for diagnostics. */
export function embeddingsConfig(ctx: KongContext, search: SemanticSearch, at: readonly PathSegment[]): EmbeddingsConfig | undefined {
  const model = byName(ctx.model.models, search.embeddings);
  const provider = model && byName(ctx.model.providers, model.provider);
  if (!model || !provider) {
    ctx.report('unknown_reference', [...at, 'embeddings'], `embeddings model "${search.embeddings}" is not defined`);
    return undefined;
  }
  const name = embeddingsProvider(ctx, provider);
  if (name === undefined) return undefined;
  const upstream_url = provider.upstreamUrl;
  const options =
    provider.kind === 'azure'
      ? { upstream_url, azure: { instance: provider.azure.instance, api_version: provider.azure.apiVersion, deployment_id: model.deployment ?? model.model } }
      : provider.kind === 'bedrock'
        ? { upstream_url, bedrock: { aws_region: provider.region } }
        : provider.kind === 'gemini' && provider.vertex
          ? { upstream_url, gemini: { api_endpoint: provider.vertex.apiEndpoint, project_id: provider.vertex.projectId, location_id: provider.vertex.locationId } }
          : upstream_url === undefined
            ? undefined
            : { upstream_url };
  return { auth: providerAuth(ctx, provider), model: { provider: name, name: model.model, options } };
}

export function vectordbConfig(ctx: KongContext, search: SemanticSearch, at: readonly PathSegment[]): VectordbConfig {
  return {
    strategy: 'redis',
    dimensions: search.dimensions,
    distance_metric: search.distance,
    threshold: search.threshold,
    redis: redisConfig(ctx, at, 'semantic search'),
  };
}

// Kong computes embeddings only with these providers (the `embeddings.model.provider` enum).
function embeddingsProvider(ctx: KongContext, p: Provider): string | undefined {
  switch (p.kind) {
    case 'openai':
    case 'azure':
    case 'mistral':
    case 'gemini':
    case 'bedrock':
      return p.kind;
    case 'openai-compatible':
      return 'openai';
    case 'ollama':
      if (kongHas(ctx.version, 'provider:ollama')) return 'ollama';
      ctx.report('unsupported_by_target', ['providers', p.name, 'kind'], `Kong ${ctx.version} cannot compute embeddings with Ollama`, `target Kong ${firstVersionWith('provider:ollama')} or later, or use another embeddings provider`);
      return undefined;
    case 'anthropic':
    case 'cohere':
    case 'llama2':
      ctx.report(
        'unsupported_by_target',
        ['providers', p.name, 'kind'],
        `Kong cannot compute embeddings with a ${p.kind} provider`,
        'use an openai, azure, mistral, gemini, bedrock or openai-compatible provider for the embeddings model',
      );
      return undefined;
  }
}
