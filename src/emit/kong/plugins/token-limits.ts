/** Limits on tokens and cost as ai-rate-limiting-advanced (Enterprise): `llm_providers` with one
 * count per plugin on every version, or `policies` with a count per limit from Kong 3.14. */
import type { PathSegment } from '../../../diagnostics/index.ts';
import { byName, type Limit, type LimitCount, type LimitsPolicy, type Route } from '../../../model/index.ts';
import type { KongContext } from '../context.ts';
import { kongProviderName } from '../llm-record.ts';
import type { KongPlugin } from '../plugin-types.ts';
import { redisConfig, type RedisConfig } from '../redis.ts';
import { reachedRoutes, type ScopeRef } from '../scope.ts';
import { firstVersionWith, kongHas } from '../versions.ts';
import { describeLimit, KONG_LIMIT_KEY, limitKey, type LimitKeyChoice } from './limit-key.ts';

type TokenCount = Exclude<LimitCount, 'requests'>;
type KongCount = 'total_tokens' | 'prompt_tokens' | 'completion_tokens' | 'cost';

// Underscores here, where ai-proxy-advanced's balancer uses hyphens.
const KONG_COUNT: Record<TokenCount, KongCount> = {
  'total-tokens': 'total_tokens',
  'prompt-tokens': 'prompt_tokens',
  'completion-tokens': 'completion_tokens',
  cost: 'cost',
};

// The `llm_providers[].name` enum: the provider names the plugin can count for.
const COUNTABLE_PROVIDERS: ReadonlySet<string> = new Set(['openai', 'azure', 'anthropic', 'cohere', 'mistral', 'llama2', 'gemini', 'bedrock', 'huggingface']);

type PolicyMatch = { readonly type: string; readonly key?: string; readonly partition_by: true };

export interface TokenLimitsConfig {
  readonly llm_providers?: readonly { readonly name: string; readonly limit: readonly number[]; readonly window_size: readonly number[] }[];
  readonly policies?: readonly {
    readonly match?: readonly PolicyMatch[];
    readonly limits: readonly { readonly limit: number; readonly window_size: number; readonly tokens_count_strategy: KongCount }[];
    readonly window_type: 'sliding' | 'fixed';
  }[];
  readonly tokens_count_strategy?: KongCount;
  readonly identifier: string;
  readonly header_name?: string;
  readonly window_type: 'sliding' | 'fixed';
  readonly hide_client_headers: boolean;
  readonly strategy: 'local' | 'redis';
  readonly sync_rate?: number;
  readonly redis?: RedisConfig;
}

export function tokenLimitsPlugin(ctx: KongContext, s: ScopeRef, policy: LimitsPolicy, at: readonly PathSegment[]): KongPlugin<TokenLimitsConfig> | undefined {
  const limits = policy.limits.filter((l): l is Limit & { count: TokenCount } => l.count !== 'requests');
  const key = limitKey(ctx, s, limits, at, 'ai-rate-limiting-advanced');
  if (key === undefined) return undefined;
  const counts = [...new Set(limits.map((l) => KONG_COUNT[l.count]))];
  const routes = reachedRoutes(ctx.model, s);
  const how = counts.length === 1 ? byProviders(ctx, routes, limits) : byPolicies(ctx, s, routes, limits, key, policy, at);
  if (how === undefined) return undefined;
  const redis = ctx.model.redis && redisConfig(ctx, at, 'limits');
  return {
    name: 'ai-rate-limiting-advanced',
    config: {
      ...how,
      identifier: KONG_LIMIT_KEY[key.by],
      header_name: key.header,
      window_type: policy.window,
      hide_client_headers: policy.hideHeaders,
      strategy: redis ? 'redis' : 'local',
      // Counters shared through Redis are read and written on every request, so every node sees
      // the same count (Kong fixed a crash with this setting in 3.10.0.4).
      sync_rate: redis ? 0 : undefined,
      redis,
    },
  };
}

/** One count for the whole plugin; every limit applies to each provider the scope's routes reach,
 * and Kong keeps a separate counter per provider. */
function byProviders(ctx: KongContext, routes: readonly Route[], limits: readonly (Limit & { count: TokenCount })[]): Pick<TokenLimitsConfig, 'llm_providers' | 'tokens_count_strategy'> | undefined {
  const names: string[] = [];
  for (const r of routes) {
    for (const name of r.models) {
      const model = byName(ctx.model.models, name);
      const provider = model && byName(ctx.model.providers, model.provider);
      if (!provider) continue;
      const kong = kongProviderName(ctx, provider);
      if (!COUNTABLE_PROVIDERS.has(kong)) {
        ctx.report('unsupported_by_target', ['providers', provider.name, 'kind'], `Kong's ai-rate-limiting-advanced cannot count tokens for provider "${kong}" on Kong ${ctx.version}`, 'remove the token limits that reach this provider (before 3.15 Kong proxies Ollama as llama2, which it can count)');
        continue;
      }
      if (!names.includes(kong)) names.push(kong);
    }
  }
  const [first] = limits;
  if (first === undefined || names.length === 0) return undefined;
  return {
    llm_providers: names.map((name) => ({ name, limit: limits.map((l) => l.limit), window_size: limits.map((l) => l.windowSeconds) })),
    tokens_count_strategy: KONG_COUNT[first.count],
  };
}

/** Several counts in one scope: only `policies` (3.14+) carries a count per limit. */
function byPolicies(
  ctx: KongContext,
  s: ScopeRef,
  routes: readonly Route[],
  limits: readonly (Limit & { count: TokenCount })[],
  key: LimitKeyChoice,
  policy: LimitsPolicy,
  at: readonly PathSegment[],
): Pick<TokenLimitsConfig, 'policies'> | undefined {
  const counts = [...new Set(limits.map((l) => l.count))].join(', ');
  if (!kongHas(ctx.version, 'ai-rate-limiting-advanced.policies')) {
    ctx.report(
      'unsupported_by_target',
      at,
      `Kong ${ctx.version} counts one thing per ai-rate-limiting-advanced plugin, and these limits count ${counts}`,
      `target Kong ${firstVersionWith('ai-rate-limiting-advanced.policies')} or later (policies with a count per limit), or count one thing in this scope`,
    );
    return undefined;
  }
  // Kong's docs: policy-based limits work with ai-proxy-advanced only for now.
  const single = routes.find((r) => r.models.length === 1);
  if (single !== undefined) {
    ctx.report(
      'unsupported_by_target',
      at,
      `Kong counts ${counts} in one plugin only with policies, which work with ai-proxy-advanced alone, and route "${single.name}" has one model (ai-proxy)`,
      'count one thing in this scope, or give every route it reaches several models',
    );
    return undefined;
  }
  const match = policyMatch(ctx, s, key, limits, at);
  if (match === undefined) return undefined;
  return {
    policies: [
      {
        // A policy without match applies to every request; partition_by keeps a counter per value.
        match: match.length > 0 ? match : undefined,
        limits: limits.map((l) => ({ limit: l.limit, window_size: l.windowSeconds, tokens_count_strategy: KONG_COUNT[l.count] })),
        window_type: policy.window,
      },
    ],
  };
}

function policyMatch(ctx: KongContext, s: ScopeRef, key: LimitKeyChoice, limits: readonly Limit[], at: readonly PathSegment[]): PolicyMatch[] | undefined {
  switch (key.by) {
    case 'consumer':
      return [{ type: 'consumer', partition_by: true }];
    case 'consumer-group':
      return [{ type: 'consumer_group', partition_by: true }];
    case 'ip':
      return [{ type: 'ip', partition_by: true }];
    case 'header':
      return [{ type: 'header', key: key.header, partition_by: true }];
    case 'route':
      // A route's own plugin sees only that route's requests.
      if (s.scope === 'route') return [];
      break;
    case 'credential':
      break;
  }
  ctx.report('unsupported_by_target', at, `Kong's policy-based limits cannot count per ${key.by} here (${limits.map(describeLimit).join('; ')})`, 'count per consumer, ip or header, or put per-route limits on the route');
  return undefined;
}
