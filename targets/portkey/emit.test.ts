/** The portkey target: strategies from balancers, targets from providers, hooks from policies, and
 * an `unsupported_by_target` diagnostic at the path of everything Portkey cannot say. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, emitTarget } from '../../src/compile/index.ts';
import type { Diagnostic } from '../../src/diagnostics/index.ts';
import type { GatewayModel } from '../../src/model/index.ts';
import { compilePortkey, customHostOf, portkeyTarget, type PortkeyRoute } from './index.ts';

function model(config: Record<string, unknown>): GatewayModel {
  const built = buildModel({ name: 'pk', ...config });
  assert.ok(built.ok, built.ok ? '' : built.diagnostics.map((d) => d.message).join('\n'));
  return built.value;
}

const OPENAI = { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_KEY' } } };
const one = (route: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  model({ providers: { openai: OPENAI }, models: { 'gpt-4o': { provider: 'openai', options: { maxTokens: 100, temperature: 0.5 } } }, routes: { chat: { path: '/chat', model: 'gpt-4o', ...route } }, ...extra });
const three = (balancer: Record<string, unknown>) =>
  model({
    providers: { openai: OPENAI, deepseek: { kind: 'openai-compatible', url: 'https://api.deepseek.com:443/v1/chat/completions' } },
    models: { a: { provider: 'openai', model: 'gpt-4o' }, b: { provider: 'deepseek', model: 'deepseek-chat' }, c: { provider: 'openai', model: 'gpt-4o-mini' } },
    routes: { chat: { path: '/chat', models: [{ model: 'a', weight: 10 }, { model: 'b', weight: 80 }, { model: 'c', weight: 50 }], balancer } },
  });

function compiled(m: GatewayModel): { routes: readonly PortkeyRoute[]; warnings: readonly Diagnostic[] } {
  const r = compilePortkey(m);
  assert.ok(r.ok, r.ok ? '' : r.diagnostics.map((d) => `${d.path.join('.')}: ${d.message}`).join('\n'));
  return { routes: r.value, warnings: r.warnings };
}
const errorsOf = (m: GatewayModel) => {
  const r = emitTarget(m, portkeyTarget);
  return r.ok ? [] : r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path.join('.'));
};

describe('portkey target', () => {
  it('writes one model as a single target with its options and a key placeholder', () => {
    const [route] = compiled(one()).routes;
    assert.deepEqual(route?.config, {
      strategy: { mode: 'single' },
      targets: [{ provider: 'openai', api_key: '${OPENAI_KEY}', override_params: { model: 'gpt-4o', max_tokens: 100, temperature: 0.5 } }],
    });
    assert.equal(route?.endpoint, '/v1/chat/completions');
  });

  it('writes priority as fallback, highest weight first, 1 + retries targets, on the listed statuses', () => {
    const [route] = compiled(three({ algorithm: 'priority', retries: 1, failover: [429, '5xx', 'timeout'], readTimeoutMs: 5000 })).routes;
    assert.deepEqual(route?.models, ['b', 'c']);
    assert.deepEqual(route?.config.strategy, { mode: 'fallback', on_status_codes: [408, 429, 500, 502, 503, 504] });
    assert.equal(route?.config.request_timeout, 5000);
    // An OpenAI-compatible URL becomes custom_host without the endpoint Portkey appends.
    assert.equal(route?.config.targets[0]?.custom_host, 'https://api.deepseek.com/v1');
  });

  it('writes round-robin as weighted loadbalance, and warns that it does not fail over', () => {
    const { routes, warnings } = compiled(three({ algorithm: 'round-robin' }));
    assert.equal(routes[0]?.config.strategy.mode, 'loadbalance');
    assert.deepEqual(routes[0]?.config.targets.map((t) => t.weight), [10, 80, 50]);
    assert.deepEqual(warnings.map((w) => w.path.join('.')), ['routes.chat.balancer.retries']);
  });

  it('refuses balancing algorithms Portkey lacks, at the algorithm', () => {
    assert.deepEqual(errorsOf(three({ algorithm: 'least-connections' })), ['routes.chat.balancer.algorithm']);
  });

  it('writes the guard as a guardrail hook of regexMatch checks', () => {
    const { routes, warnings } = compiled(one({ policies: { promptGuard: { deny: ['password'], allow: ['^Hi', '^Hello'], history: 'latest' } } }));
    assert.deepEqual(routes[0]?.config.before_request_hooks, [
      {
        id: 'aigate-prompt-guard',
        type: 'guardrail',
        deny: true,
        async: false,
        checks: [
          { id: 'default.regexMatch', parameters: { rule: 'password', not: true } },
          { id: 'default.regexMatch', parameters: { rule: '(?:^Hi)|(?:^Hello)', not: false } },
        ],
      },
    ]);
    assert.deepEqual(warnings, [], 'history: latest is what Portkey checks');
  });

  it('warns that a guard on the whole conversation reads only the latest message on Portkey', () => {
    const { warnings } = compiled(one({ policies: { promptGuard: { deny: ['x'] } } }));
    assert.deepEqual(warnings.map((w) => `${w.severity} ${w.path.join('.')}`), ['warning routes.chat.policies.promptGuard']);
  });

  it('writes prepended system messages as addPrefix mutators, in order, and refuses the rest', () => {
    const { routes } = compiled(one({ policies: { promptDecorator: { prepend: [{ content: 'First.' }, { content: 'Second.' }] } } }));
    // Each inserts before the first system message, so the last prepended goes in first.
    assert.deepEqual(routes[0]?.config.before_request_hooks?.map((h) => h.checks[0]?.parameters.prefix), ['Second.', 'First.']);
    assert.deepEqual(errorsOf(one({ policies: { promptDecorator: { prepend: [{ role: 'user', content: 'u' }], append: [{ content: 'a' }] } } })), [
      'routes.chat.policies.promptDecorator.append',
      'routes.chat.policies.promptDecorator.prepend.0',
    ]);
  });

  it('writes the global cache on every route, and refuses Cache-Control', () => {
    const { routes } = compiled(one({}, { policies: { cache: { ttl: 60 } } }));
    assert.deepEqual(routes[0]?.config.cache, { mode: 'simple', max_age: 60 });
    assert.deepEqual(errorsOf(one({}, { policies: { cache: { ttl: 60, cacheControl: true } } })), ['policies.cache.cacheControl']);
  });

  it('refuses what Portkey has no place for: key-auth, limits, templates, raw Llama 2', () => {
    assert.ok(errorsOf(one({ auth: true }, { consumers: { a: { keys: [{ env: 'A' }] } } })).includes('routes.chat.auth'));
    assert.ok(errorsOf(one({ policies: { limits: [{ limit: 1, window: 'minute' }] } })).includes('routes.chat.policies.limits'));
    const raw = model({ providers: { l: { kind: 'llama2', format: 'raw', url: 'http://tgi.internal/generate' } }, models: { l2: { provider: 'l' } }, routes: { r: { path: '/r', model: 'l2' } } });
    assert.deepEqual(errorsOf(raw), ['providers.l.format']);
  });

  it('maps provider kinds to Portkey providers with their own fields', () => {
    const m = model({
      providers: {
        az: { kind: 'azure', instance: 'acme', apiVersion: '2024-10-21' },
        br: { kind: 'bedrock', region: 'eu-west-1', auth: { aws: { accessKeyId: { env: 'AK' }, secretAccessKey: { env: 'SK' } } } },
        ol: { kind: 'ollama' },
      },
      models: { az4: { provider: 'az', model: 'gpt-4o', deployment: 'prod-4o' }, claude: { provider: 'br', model: 'anthropic.claude-3' }, llama: { provider: 'ol', model: 'llama3.2' } },
      routes: { a: { path: '/a', model: 'az4' }, b: { path: '/b', model: 'claude' }, c: { path: '/c', model: 'llama', type: 'completions' } },
    });
    const [a, b, c] = compiled(m).routes.map((r) => r.config.targets[0]);
    assert.deepEqual(a, { provider: 'azure-openai', api_key: '', resource_name: 'acme', deployment_id: 'prod-4o', api_version: '2024-10-21', override_params: { model: 'gpt-4o' } });
    assert.deepEqual(b, { provider: 'bedrock', aws_access_key_id: '${AK}', aws_secret_access_key: '${SK}', aws_region: 'eu-west-1', override_params: { model: 'anthropic.claude-3' } });
    assert.deepEqual(c, { provider: 'ollama', custom_host: 'http://localhost:11434', override_params: { model: 'llama3.2' } });
  });

  it('derives custom_host by dropping the endpoint Portkey appends', () => {
    assert.equal(customHostOf('http://vllm.internal:8000/v1/chat/completions'), 'http://vllm.internal:8000/v1');
    assert.equal(customHostOf('http://localhost:11434/api/chat'), 'http://localhost:11434');
    assert.equal(customHostOf('https://proxy.example/anthropic/v1/messages'), 'https://proxy.example/anthropic/v1');
  });

  it('emits routes.json and one config file per route, the same bytes every time', () => {
    const m = three({ algorithm: 'priority' });
    const first = emitTarget(m, portkeyTarget);
    assert.ok(first.ok);
    assert.deepEqual(first.value.map((a) => a.path), ['portkey/routes.json', 'portkey/chat.json']);
    assert.deepEqual(emitTarget(m, portkeyTarget), first);
  });
});
