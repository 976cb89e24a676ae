/** The semanticGuard policy as ai-semantic-prompt-guard (Enterprise): prompts allowed or denied by
 * meaning, compared through embeddings in a vector index. */
import type { PathSegment } from '../../../diagnostics/index.ts';
import type { SemanticGuardPolicy } from '../../../model/index.ts';
import { MAX_REQUEST_BODY_SIZE } from '../body-size.ts';
import type { KongContext } from '../context.ts';
import type { KongPlugin } from '../plugin-types.ts';
import { embeddingsConfig, vectordbConfig, type EmbeddingsConfig, type VectordbConfig } from '../semantic-search.ts';
import { kongHas } from '../versions.ts';

export interface SemanticGuardConfig {
  readonly rules: {
    readonly allow_prompts?: readonly string[];
    readonly deny_prompts?: readonly string[];
    readonly match_all_conversation_history: boolean;
    readonly match_all_roles: boolean;
    /** Where 3.10–3.12 keep the body limit; 3.13 moved it to the top level. */
    readonly max_request_body_size?: number;
  };
  readonly search: { readonly threshold: number };
  readonly embeddings: EmbeddingsConfig;
  readonly vectordb: VectordbConfig;
  readonly max_request_body_size?: number;
}

export function semanticGuardPlugin(ctx: KongContext, g: SemanticGuardPolicy, at: readonly PathSegment[]): KongPlugin<SemanticGuardConfig> | undefined {
  const search = [...at, 'search'];
  const embeddings = embeddingsConfig(ctx, g.search, search);
  if (embeddings === undefined) return undefined;
  const topLevelLimit = kongHas(ctx.version, 'ai-semantic-prompt-guard.max_request_body_size');
  return {
    name: 'ai-semantic-prompt-guard',
    config: {
      rules: {
        allow_prompts: g.allow.length > 0 ? g.allow : undefined,
        deny_prompts: g.deny.length > 0 ? g.deny : undefined,
        // The inverse of ai-prompt-guard's allow_all_conversation_history: true checks everything.
        match_all_conversation_history: !g.latestOnly,
        match_all_roles: g.matchAllRoles,
        max_request_body_size: topLevelLimit ? undefined : MAX_REQUEST_BODY_SIZE,
      },
      // One threshold in the config: it is both what counts as a match and what the index returns.
      search: { threshold: g.search.threshold },
      embeddings,
      vectordb: vectordbConfig(ctx, g.search, search),
      max_request_body_size: topLevelLimit ? MAX_REQUEST_BODY_SIZE : undefined,
    },
  };
}
