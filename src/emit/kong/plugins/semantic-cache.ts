/** The cache policy as ai-semantic-cache (Enterprise). Kong's AI cache always searches by meaning,
 * so a cache needs `semantic`; exact matches are looked up first (`exact_caching`). */
import type { PathSegment } from '../../../diagnostics/index.ts';
import type { CachePolicy } from '../../../model/index.ts';
import type { KongContext } from '../context.ts';
import type { KongPlugin } from '../plugin-types.ts';
import { embeddingsConfig, vectordbConfig, type EmbeddingsConfig, type VectordbConfig } from '../semantic-search.ts';

export interface SemanticCacheConfig {
  readonly embeddings: EmbeddingsConfig;
  readonly vectordb: VectordbConfig;
  readonly exact_caching: boolean;
  readonly cache_ttl: number;
  readonly cache_control: boolean;
}

export function semanticCachePlugin(ctx: KongContext, c: CachePolicy, at: readonly PathSegment[]): KongPlugin<SemanticCacheConfig> | undefined {
  if (c.semantic === undefined) {
    ctx.report(
      'unsupported_by_target',
      at,
      "Kong's AI cache is semantic: it needs an embeddings model and a vector index",
      'add cache.semantic; the reference proxy serves exact matches without it',
    );
    return undefined;
  }
  const search = [...at, 'semantic'];
  const embeddings = embeddingsConfig(ctx, c.semantic, search);
  if (embeddings === undefined) return undefined;
  return {
    name: 'ai-semantic-cache',
    config: {
      embeddings,
      vectordb: vectordbConfig(ctx, c.semantic, search),
      // The config's cache answers identical prompts; Kong does that only with exact_caching on.
      exact_caching: true,
      cache_ttl: c.ttlSeconds,
      cache_control: c.cacheControl,
    },
  };
}
