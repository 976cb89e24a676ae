/** Every provider kind as Kong's LLM record, checked against the 3.15 and 3.10 plugin schemas. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Model, Provider } from '../../src/model/index.ts';
import { emitBoth, emitFails, gateway, model, plugin, route, type Doc } from './test-support.ts';

interface Case {
  readonly title: string;
  readonly provider: Provider;
  readonly model?: Model;
  /** The expected `config.model` on 3.15 (and on 3.10 unless `on310` says otherwise). */
  readonly expect: Doc;
  readonly expectAuth?: Doc;
  readonly on310?: Doc;
}

const key = (name: string) => ({ kind: 'env', name }) as const;

const CASES: readonly Case[] = [
  {
    title: 'openai',
    provider: { kind: 'openai', name: 'p', allowAuthOverride: true, auth: { kind: 'header', name: 'Authorization', value: key('OPENAI_BEARER') } },
    expect: { provider: 'openai', name: 'm-1', options: {} },
    expectAuth: { header_name: 'Authorization', header_value: '{vault://env/openai-bearer}', allow_override: true },
  },
  {
    title: 'azure, deployment defaulting to the model name',
    provider: { kind: 'azure', name: 'p', azure: { instance: 'acme-east', apiVersion: '2024-06-01' }, allowAuthOverride: false, auth: { kind: 'header', name: 'api-key', value: key('AZURE_KEY') } },
    expect: { provider: 'azure', name: 'm-1', options: { azure_instance: 'acme-east', azure_api_version: '2024-06-01', azure_deployment_id: 'm-1' } },
  },
  {
    title: 'azure with an explicit deployment',
    provider: { kind: 'azure', name: 'p', azure: { instance: 'acme-east', apiVersion: '2024-06-01' }, allowAuthOverride: false },
    model: model('m', 'p', 'gpt-4o', { deployment: 'prod-gpt4o' }),
    expect: { provider: 'azure', name: 'gpt-4o', options: { azure_instance: 'acme-east', azure_api_version: '2024-06-01', azure_deployment_id: 'prod-gpt4o' } },
  },
  {
    title: 'anthropic',
    provider: { kind: 'anthropic', name: 'p', anthropicVersion: '2023-06-01', allowAuthOverride: false, auth: { kind: 'header', name: 'x-api-key', value: key('ANTHROPIC_API_KEY') } },
    expect: { provider: 'anthropic', name: 'm-1', options: { anthropic_version: '2023-06-01' } },
  },
  {
    title: 'cohere',
    provider: { kind: 'cohere', name: 'p', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value: key('COHERE_BEARER') } },
    expect: { provider: 'cohere', name: 'm-1', options: {} },
  },
  {
    title: 'mistral (openai format, default endpoint)',
    provider: { kind: 'mistral', name: 'p', format: 'openai', allowAuthOverride: false },
    expect: { provider: 'mistral', name: 'm-1', options: { mistral_format: 'openai' } },
  },
  {
    title: 'mistral (ollama format, own endpoint)',
    provider: { kind: 'mistral', name: 'p', format: 'ollama', allowAuthOverride: false, upstreamUrl: 'http://ollama:11434/api/chat' },
    expect: { provider: 'mistral', name: 'm-1', options: { mistral_format: 'ollama', upstream_url: 'http://ollama:11434/api/chat' } },
  },
  {
    title: 'llama2',
    provider: { kind: 'llama2', name: 'p', format: 'raw', allowAuthOverride: false, upstreamUrl: 'http://llama:8080/v1/chat' },
    expect: { provider: 'llama2', name: 'm-1', options: { llama2_format: 'raw', upstream_url: 'http://llama:8080/v1/chat' } },
  },
  {
    title: 'gemini (API key as a query parameter)',
    provider: { kind: 'gemini', name: 'p', allowAuthOverride: false, auth: { kind: 'param', name: 'key', location: 'query', value: key('GEMINI_API_KEY') } },
    expect: { provider: 'gemini', name: 'm-1', options: {} },
    expectAuth: { param_name: 'key', param_value: '{vault://env/gemini-api-key}', param_location: 'query', allow_override: false },
  },
  {
    title: 'gemini on Vertex with a GCP service account',
    provider: {
      kind: 'gemini',
      name: 'p',
      allowAuthOverride: false,
      vertex: { apiEndpoint: 'us-central1-aiplatform.googleapis.com', projectId: 'acme-ai', locationId: 'us-central1' },
      auth: { kind: 'gcp-service-account', json: { kind: 'gcp', name: 'vertex-sa', project: 'acme-secrets' } },
    },
    expect: {
      provider: 'gemini',
      name: 'm-1',
      options: { gemini: { api_endpoint: 'us-central1-aiplatform.googleapis.com', project_id: 'acme-ai', location_id: 'us-central1' } },
    },
    expectAuth: { gcp_use_service_account: true, gcp_service_account_json: '{vault://gcp/vertex-sa?project_id=acme-secrets}', allow_override: false },
  },
  {
    title: 'gemini with the service account from the environment',
    provider: { kind: 'gemini', name: 'p', allowAuthOverride: false, auth: { kind: 'gcp-service-account' } },
    expect: { provider: 'gemini', name: 'm-1', options: {} },
    expectAuth: { gcp_use_service_account: true, allow_override: false },
  },
  {
    title: 'bedrock',
    provider: { kind: 'bedrock', name: 'p', region: 'eu-west-1', allowAuthOverride: false, auth: { kind: 'aws', accessKeyId: key('AWS_ACCESS_KEY_ID'), secretAccessKey: key('AWS_SECRET_ACCESS_KEY') } },
    expect: { provider: 'bedrock', name: 'm-1', options: { bedrock: { aws_region: 'eu-west-1' } } },
    expectAuth: { aws_access_key_id: '{vault://env/aws-access-key-id}', aws_secret_access_key: '{vault://env/aws-secret-access-key}', allow_override: false },
  },
  {
    title: 'ollama (native provider on 3.15, llama2 in ollama format on 3.10)',
    provider: { kind: 'ollama', name: 'p', allowAuthOverride: false, upstreamUrl: 'http://ollama:11434/api/chat' },
    expect: { provider: 'ollama', name: 'm-1', options: { upstream_url: 'http://ollama:11434/api/chat' } },
    on310: { provider: 'llama2', name: 'm-1', options: { llama2_format: 'ollama', upstream_url: 'http://ollama:11434/api/chat' } },
  },
  {
    title: 'openai-compatible (DeepSeek)',
    provider: { kind: 'openai-compatible', name: 'p', allowAuthOverride: false, upstreamUrl: 'https://api.deepseek.com:443/v1/chat/completions', auth: { kind: 'header', name: 'Authorization', value: key('DEEPSEEK_BEARER') } },
    model: model('m', 'p', 'deepseek-chat'),
    expect: { provider: 'openai', name: 'deepseek-chat', options: { upstream_url: 'https://api.deepseek.com:443/v1/chat/completions' } },
  },
  {
    title: 'openai with an upstream override',
    provider: { kind: 'openai', name: 'p', allowAuthOverride: false, upstreamUrl: 'https://proxy.internal/v1/chat/completions' },
    expect: { provider: 'openai', name: 'm-1', options: { upstream_url: 'https://proxy.internal/v1/chat/completions' } },
  },
];

describe('deck target: providers', () => {
  for (const c of CASES) {
    it(`GIVEN a ${c.title} provider WHEN emitted for 3.15 and 3.10 THEN the LLM record matches and validates`, () => {
      // GIVEN
      const m = gateway({ providers: [c.provider], models: [c.model ?? model('m', 'p', 'm-1')], routes: [route('chat', ['m'])] });
      // WHEN (emitBoth also runs the schema check for each version)
      const { v315, v310 } = emitBoth(m);
      // THEN
      assert.deepEqual(plugin(v315, 'ai-proxy').config.model, c.expect);
      assert.deepEqual(plugin(v310, 'ai-proxy').config.model, c.on310 ?? c.expect);
      if (c.expectAuth) assert.deepEqual(plugin(v315, 'ai-proxy').config.auth, c.expectAuth);
    });
  }

  it('GIVEN every provider kind on one balanced route WHEN emitted THEN ai-proxy-advanced validates on both versions', () => {
    // GIVEN
    const providers = CASES.map((c, i) => ({ ...c.provider, name: `p${i}` }) as Provider);
    const models = CASES.map((c, i) => ({ ...(c.model ?? model('m', 'p', 'm-1')), name: `m${i}`, provider: `p${i}` }));
    // WHEN
    const { v315, v310 } = emitBoth(gateway({ providers, models, routes: [route('all', models.map((x) => x.name))] }));
    // THEN
    assert.equal(plugin(v315, 'ai-proxy-advanced').config.targets.length, CASES.length);
    assert.equal(plugin(v310, 'ai-proxy-advanced').config.targets.length, CASES.length);
  });

  it('GIVEN Azure managed identity WHEN emitted THEN the identity fields are set on both versions (the 3.10 schema has them)', () => {
    // GIVEN
    const provider: Provider = {
      kind: 'azure',
      name: 'p',
      azure: { instance: 'acme', apiVersion: '2024-06-01' },
      allowAuthOverride: false,
      auth: { kind: 'azure-managed-identity', clientId: 'cid', tenantId: 'tid', clientSecret: { kind: 'azure', name: 'aoai-client-secret' } },
    };
    const m = gateway({ providers: [provider], models: [model('m', 'p', 'gpt-4o')], vaults: { azure: { vaultUri: 'https://acme.vault.azure.net', tenantId: 'tid' } } });
    // WHEN
    const { v315, v310 } = emitBoth(m);
    // THEN
    for (const doc of [v315, v310]) {
      assert.deepEqual(plugin(doc, 'ai-proxy').config.auth, {
        azure_use_managed_identity: true,
        azure_client_id: 'cid',
        azure_tenant_id: 'tid',
        azure_client_secret: '{vault://aigate-azure/aoai-client-secret}',
        allow_override: false,
      });
    }
  });
});

describe('deck target: provider limits Kong enforces', () => {
  it('GIVEN llama2 without a URL WHEN emitted THEN provider_option_missing at the provider url', () => {
    const m = gateway({ providers: [{ kind: 'llama2', name: 'p', format: 'ollama', allowAuthOverride: false }], models: [model('m', 'p')] });
    const [d, ...rest] = emitFails(m);
    assert.equal(rest.length, 0);
    assert.equal(d?.code, 'provider_option_missing');
    assert.deepEqual(d?.path, ['providers', 'p', 'url']);
    assert.equal(d?.target, 'deck');
  });

  it('GIVEN bedrock with client auth override WHEN emitted THEN unsupported_by_target, since Kong forbids it', () => {
    const m = gateway({ providers: [{ kind: 'bedrock', name: 'p', region: 'us-east-1', allowAuthOverride: true }], models: [model('m', 'p')] });
    const ds = emitFails(m);
    assert.deepEqual(ds.map((d) => [d.code, d.path.join('.')]), [['unsupported_by_target', 'providers.p.allowAuthOverride']]);
  });

  it('GIVEN anthropic on a completions route with statistics WHEN emitted THEN unsupported_by_target at the route logging', () => {
    const m = gateway({
      providers: [{ kind: 'anthropic', name: 'p', anthropicVersion: '2023-06-01', allowAuthOverride: false }],
      models: [model('m', 'p')],
      routes: [route('c', ['m'], { type: 'completions' })],
    });
    const ds = emitFails(m);
    assert.deepEqual(ds.map((d) => [d.code, d.path.join('.')]), [['unsupported_by_target', 'routes.c.logging.statistics']]);
  });

  it('GIVEN one provider shared by two routes with the same problem WHEN emitted THEN the problem is reported once', () => {
    const m = gateway({
      providers: [{ kind: 'openai-compatible', name: 'p', allowAuthOverride: false }],
      models: [model('m', 'p')],
      routes: [route('a', ['m']), route('b', ['m'])],
    });
    assert.equal(emitFails(m).length, 1);
  });
});
