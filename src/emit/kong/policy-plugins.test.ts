/** Each policy kind as the Kong plugin it becomes, checked against Kong's 3.15 and 3.10 plugin
 * schemas; the version and scope limits are reported at the policy's path. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GatewayModel, KongVersion, Limit, Policies } from '../../model/index.ts';
import { checkPlugin, formatProblems } from '../../../targets/deck/schema-check.ts';
import { consumer, gateway, model, route, withVersion, type Doc } from '../../../test/support/models.ts';
import { clean } from '../serialize.ts';
import { createKongContext } from './context.ts';
import { aiProxyPlugin } from './ai-proxy.ts';
import { policyPlugins } from './policy-plugins.ts';
import type { ScopeRef } from './scope.ts';

const embed = model('embed', 'openai', 'text-embedding-3-small', { kind: 'embeddings' });
const search = { embeddings: 'embed', dimensions: 1536, distance: 'cosine', threshold: 0.1 } as const;
const redis = { host: 'redis', port: 6379, database: 0, password: { kind: 'env', name: 'REDIS_PASSWORD' }, tls: true } as const;

/** A model whose one route (or whose gateway, consumer `alice` or group `gold`) has `policies`. */
function withPolicies(policies: Policies, at: ScopeRef['scope'] = 'route', extra: Partial<GatewayModel> = {}): GatewayModel {
  const base = gateway({
    models: [model('gpt', 'openai', 'gpt-4o', { options: { inputCost: 1, outputCost: 2 } }), model('mini', 'openai', 'gpt-4o-mini'), embed],
    routes: [route('chat', ['gpt'], { keyAuth: { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: false, keyInBody: false } })],
    consumers: [consumer('alice', { groups: ['gold'] })],
    consumerGroups: ['gold'],
  });
  const m: GatewayModel = { ...base, redis, ...extra };
  switch (at) {
    case 'global':
      return { ...m, policies };
    case 'route':
      return { ...m, routes: m.routes.map((r) => ({ ...r, policies })) };
    case 'consumer':
      return { ...m, consumers: m.consumers.map((c) => ({ ...c, policies })) };
    case 'consumer-group':
      return { ...m, consumerGroups: m.consumerGroups.map((g) => ({ ...g, policies })) };
  }
}

function scopeOf(m: GatewayModel, at: ScopeRef['scope']): ScopeRef {
  const r = m.routes[0];
  assert.ok(r);
  return at === 'route' ? { scope: 'route', route: r } : at === 'consumer' ? { scope: 'consumer', name: 'alice' } : at === 'consumer-group' ? { scope: 'consumer-group', name: 'gold' } : { scope: 'global' };
}

function build(m: GatewayModel, at: ScopeRef['scope'] = 'route') {
  const ctx = createKongContext(m, 't', { vaults: { declared: true } });
  const plugins = clean(policyPlugins(ctx, scopeOf(m, at))) as Doc[];
  return { plugins, diagnostics: ctx.diagnostics, ctx };
}

/** Builds for 3.15 and 3.10, expects no diagnostics, checks every plugin against its schema. */
function both(m: GatewayModel, at: ScopeRef['scope'] = 'route'): { v315: Doc[]; v310: Doc[] } {
  const [v315, v310] = (['3.15', '3.10'] as const).map((v: KongVersion) => {
    const { plugins, diagnostics } = build(withVersion(m, v), at);
    assert.deepEqual(diagnostics, [], `Kong ${v}`);
    for (const p of plugins) assert.deepEqual(checkPlugin(p, v), [], `${p.name} on Kong ${v}:\n${formatProblems(checkPlugin(p, v))}`);
    return plugins;
  });
  return { v315: v315 ?? [], v310: v310 ?? [] };
}

const codes = (ds: readonly { code: string; path: readonly (string | number)[]; severity: string }[]) => ds.map((d) => [d.code, d.path.join('.'), d.severity]);
const limit = (l: Partial<Limit>): Limit => ({ limit: 1000, windowSeconds: 60, count: 'total-tokens', by: 'consumer', ...l });

describe('Kong policy plugins: prompts', () => {
  it('GIVEN every prompt policy on a route WHEN built THEN one plugin each in Kong order, with the body limit written, valid on both versions', () => {
    // GIVEN
    const m = withPolicies({
      requestTransformer: { prompt: 'Tidy', model: 'mini', timeoutMs: 5000, extractPattern: '^\\{' },
      promptTemplates: { templates: [{ name: 't', template: '{"messages":[]}' }], allowUntemplated: false, logOriginalRequest: true },
      promptDecorator: { prepend: [{ role: 'system', content: 'Be careful.' }], append: [] },
      promptGuard: { allow: [], deny: ['password'], matchAllRoles: false, latestOnly: true },
      responseTransformer: { prompt: 'Answer in Chinese', model: 'mini', timeoutMs: 60_000, parseJsonInstructions: true },
    });
    // WHEN
    const { v315, v310 } = both(m);
    // THEN
    assert.deepEqual(v315.map((p) => p.name), ['ai-request-transformer', 'ai-prompt-template', 'ai-prompt-decorator', 'ai-prompt-guard', 'ai-response-transformer']);
    assert.deepEqual(v315, v310, 'the same config on both versions');
    for (const p of v315) assert.equal(p.config.max_request_body_size, 1_048_576, p.name);
    const [req, , deco, guard, res] = v315;
    assert.deepEqual(guard.config, { deny_patterns: ['password'], allow_all_conversation_history: true, match_all_roles: false, max_request_body_size: 1_048_576 });
    assert.deepEqual(deco.config.prompts, { prepend: [{ role: 'system', content: 'Be careful.' }] });
    assert.deepEqual([req.config.llm.route_type, req.config.llm.model.name, req.config.transformation_extract_pattern, req.config.http_timeout], ['llm/v1/chat', 'gpt-4o-mini', '^\\{', 5000]);
    assert.equal(req.config.parse_llm_response_json_instructions, undefined, 'request transformers have no such field');
    assert.equal(res.config.parse_llm_response_json_instructions, true);
  });
});

describe('Kong policy plugins: semantic', () => {
  const guard: Policies = { semanticGuard: { allow: ['products'], deny: ['competitors'], matchAllRoles: true, latestOnly: false, search } };

  it('GIVEN a semantic guard WHEN built for 3.15 THEN rules with the inverse history flag and the body limit at the top level', () => {
    const { v315, v310 } = both(withPolicies(guard));
    const [g] = v315;
    assert.deepEqual(g.config.rules, { allow_prompts: ['products'], deny_prompts: ['competitors'], match_all_conversation_history: true, match_all_roles: true });
    assert.equal(g.config.max_request_body_size, 1_048_576);
    assert.deepEqual(g.config.embeddings.model, { provider: 'openai', name: 'text-embedding-3-small' });
    assert.deepEqual(g.config.vectordb.redis, { host: 'redis', port: 6379, database: 0, password: '{vault://env/redis-password}', ssl: true, ssl_verify: true });
    // THEN on 3.10 the limit sits in rules, where Kong kept it before 3.13
    assert.equal(v310[0].config.rules.max_request_body_size, 1_048_576);
    assert.equal(v310[0].config.max_request_body_size, undefined);
  });

  it('GIVEN a semantic cache WHEN built THEN exact caching on, ttl and cache control from the policy', () => {
    const { v315 } = both(withPolicies({ cache: { ttlSeconds: 30, cacheControl: true, semantic: search } }));
    assert.deepEqual([v315[0].name, v315[0].config.exact_caching, v315[0].config.cache_ttl, v315[0].config.cache_control], ['ai-semantic-cache', true, 30, true]);
  });

  it('GIVEN a cache without semantic WHEN built THEN unsupported_by_target at the cache and no plugin', () => {
    const { plugins, diagnostics } = build(withPolicies({ cache: { ttlSeconds: 30, cacheControl: false } }));
    assert.deepEqual(plugins, []);
    assert.deepEqual(codes(diagnostics), [['unsupported_by_target', 'routes.chat.policies.cache', 'error']]);
  });
});

describe('Kong policy plugins: limits', () => {
  it('GIVEN token limits per consumer WHEN built THEN llm_providers pairs limits with windows, one count, Redis shared', () => {
    const m = withPolicies({ limits: { limits: [limit({}), limit({ limit: 9000, windowSeconds: 3600 })], window: 'fixed', hideHeaders: true } }, 'consumer');
    const { v315, v310 } = both(m, 'consumer');
    assert.deepEqual(v315, v310);
    assert.deepEqual(v315[0].config, {
      llm_providers: [{ name: 'openai', limit: [1000, 9000], window_size: [60, 3600] }],
      tokens_count_strategy: 'total_tokens',
      identifier: 'consumer',
      window_type: 'fixed',
      hide_client_headers: true,
      strategy: 'redis',
      sync_rate: 0,
      redis: { host: 'redis', port: 6379, database: 0, password: '{vault://env/redis-password}', ssl: true, ssl_verify: true },
    });
  });

  it('GIVEN no redis WHEN built THEN the local strategy and no sync rate', () => {
    const { v315 } = both(withPolicies({ limits: { limits: [limit({ by: 'ip' })], window: 'sliding', hideHeaders: false } }, 'route', { redis: undefined }));
    assert.deepEqual([v315[0].config.strategy, v315[0].config.sync_rate, v315[0].config.redis], ['local', undefined, undefined]);
  });

  it('GIVEN each key WHEN built THEN Kong’s identifier, a route counted per service', () => {
    const cases = [['consumer', 'consumer'], ['credential', 'credential'], ['ip', 'ip'], ['route', 'service'], ['header', 'header']] as const;
    for (const [by, identifier] of cases) {
      const { plugins } = build(withPolicies({ limits: { limits: [limit({ by, ...(by === 'header' && { header: 'x-team' }) })], window: 'sliding', hideHeaders: false } }));
      assert.equal(plugins[0].config.identifier, identifier, by);
      if (by === 'header') assert.equal(plugins[0].config.header_name, 'x-team');
    }
  });

  it('GIVEN a per-group limit on the group, and on a route WHEN built THEN fine on the group, unsupported on the route', () => {
    const group = { limits: { limits: [limit({ by: 'consumer-group' })], window: 'sliding' as const, hideHeaders: false } };
    assert.equal(both(withPolicies(group, 'consumer-group'), 'consumer-group').v315[0].config.identifier, 'consumer-group');
    assert.deepEqual(codes(build(withPolicies(group)).diagnostics), [['unsupported_by_target', 'routes.chat.policies.limits', 'error']]);
  });

  it('GIVEN tokens and cost in one scope WHEN built for 3.15, 3.13 and with a one-model route THEN policies, or unsupported before 3.14 and with ai-proxy', () => {
    // GIVEN a balanced route, so policies (ai-proxy-advanced only) can apply
    const limits = { limits: [limit({}), limit({ count: 'cost', limit: 5, windowSeconds: 86_400 })], window: 'sliding' as const, hideHeaders: false };
    const balanced = withPolicies({ limits }, 'global');
    const twoModels = { ...balanced, routes: balanced.routes.map((r) => ({ ...r, models: ['gpt', 'mini'] })) };
    // WHEN / THEN 3.15
    const { plugins, diagnostics } = build(twoModels, 'global');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(checkPlugin(plugins[0], '3.15'), []);
    assert.deepEqual(plugins[0].config.policies, [
      {
        match: [{ type: 'consumer', partition_by: true }],
        limits: [
          { limit: 1000, window_size: 60, tokens_count_strategy: 'total_tokens' },
          { limit: 5, window_size: 86_400, tokens_count_strategy: 'cost' },
        ],
        window_type: 'sliding',
      },
    ]);
    assert.equal(plugins[0].config.llm_providers, undefined);
    // THEN 3.13, and a one-model route on 3.15
    assert.deepEqual(codes(build(withVersion(twoModels, '3.13'), 'global').diagnostics), [['unsupported_by_target', 'policies.limits', 'error']]);
    assert.deepEqual(codes(build(balanced, 'global').diagnostics), [['unsupported_by_target', 'policies.limits', 'error']]);
  });

  it('GIVEN request limits per minute and day WHEN built THEN rate-limiting with those fields, and a warning for the sliding window', () => {
    const requests = (window: 'sliding' | 'fixed') => ({ limits: { limits: [limit({ count: 'requests', by: 'ip', limit: 10 }), limit({ count: 'requests', by: 'ip', limit: 500, windowSeconds: 86_400 })], window, hideHeaders: false } });
    const { plugins, diagnostics } = build(withPolicies(requests('sliding'), 'route', { redis: undefined }));
    assert.deepEqual(plugins[0], { name: 'rate-limiting', config: { minute: 10, day: 500, limit_by: 'ip', hide_client_headers: false, policy: 'local' } });
    assert.deepEqual(codes(diagnostics), [['unsupported_by_target', 'routes.chat.policies.limits', 'warning']]);
    assert.deepEqual(build(withPolicies(requests('fixed'))).diagnostics, []);
  });
});

describe('Kong policy plugins: observability', () => {
  it('GIVEN every exporter at gateway level WHEN built for 3.15 THEN prometheus with AI metrics, OpenTelemetry with vault-referenced headers, and the rest', () => {
    // GIVEN
    const m = withPolicies(
      {
        observability: {
          prometheus: { perConsumer: true, statusCodes: true, latency: false, bandwidth: false },
          opentelemetry: { traces: 'http://otel/t', metrics: 'http://otel/m', headers: { 'x-key': { kind: 'env', name: 'OTEL_KEY' } }, resourceAttributes: {} },
          statsd: { host: 's', port: 8125, prefix: 'kong' },
          zipkin: { endpoint: 'http://z/api/v2/spans', sampleRatio: 1 },
          datadog: { host: 'd', port: 8125, prefix: 'kong' },
          logs: { http: 'http://logs', file: '/tmp/ai.log', tcp: { host: 'l', port: 5000 }, payloads: true },
        },
      },
      'global',
    );
    // WHEN
    const { plugins, diagnostics, ctx } = build(m, 'global');
    // THEN
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(plugins.map((p) => p.name), ['prometheus', 'opentelemetry', 'statsd', 'zipkin', 'datadog', 'http-log', 'file-log', 'tcp-log']);
    for (const p of plugins) assert.deepEqual(checkPlugin(p, '3.15'), [], p.name);
    assert.deepEqual(plugins[0].config, { ai_metrics: true, per_consumer: true, status_code_metrics: true, latency_metrics: false, bandwidth_metrics: false });
    assert.deepEqual(plugins[1].config, { traces_endpoint: 'http://otel/t', metrics: { endpoint: 'http://otel/m', enable_ai_metrics: true }, headers: { 'x-key': '{vault://env/otel-key}' } });
    // AND gateway-level payload logging reaches the route's AI proxy
    const r = m.routes[0];
    assert.ok(r);
    assert.equal((clean(aiProxyPlugin(ctx, r)) as Doc).config.logging.log_payloads, true);
  });

  it('GIVEN OpenTelemetry metrics on Kong 3.13 WHEN built THEN unsupported_by_target at metrics', () => {
    const m = withVersion(withPolicies({ observability: { opentelemetry: { traces: 'http://otel/t', metrics: 'http://otel/m', headers: {}, resourceAttributes: {} } } }, 'global'), '3.13');
    assert.deepEqual(codes(build(m, 'global').diagnostics), [['unsupported_by_target', 'policies.observability.opentelemetry.metrics', 'error']]);
  });

  it('GIVEN prometheus on a consumer group in a hand-built model WHEN built THEN unsupported_by_target, since Kong cannot attach it there', () => {
    const m = withPolicies({ observability: { prometheus: { perConsumer: false, statusCodes: true, latency: true, bandwidth: false } } }, 'consumer-group');
    const { plugins, diagnostics } = build(m, 'consumer-group');
    assert.deepEqual(plugins, []);
    assert.deepEqual(codes(diagnostics), [['unsupported_by_target', 'consumerGroups.gold.policies.observability', 'error']]);
  });
});
