import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROVIDER_KINDS, defaultUpstreamUrl, routeTypesOf } from '../model/index.ts';
import type { Model, Provider } from '../model/index.ts';
import type { MockProviderRef } from './types.ts';
import { mockPathFor, resolveMockRoute } from './routes.ts';

const base = { name: 'p', allowAuthOverride: false } as const;
/** One provider of each kind that has a public default endpoint. */
const PROVIDERS: readonly Provider[] = [
  { ...base, kind: 'openai' },
  { ...base, kind: 'azure', azure: { instance: 'inst', apiVersion: '2024-06-01' } },
  { ...base, kind: 'anthropic', anthropicVersion: '2023-06-01' },
  { ...base, kind: 'cohere' },
  { ...base, kind: 'mistral', format: 'openai' },
  { ...base, kind: 'gemini' },
  { ...base, kind: 'bedrock', region: 'us-east-1' },
];
const MODEL: Model = { name: 'm', kind: 'chat', provider: 'p', model: 'anthropic.claude-3:0', options: {} };

describe('mock URL scheme', () => {
  it('is "/" + kind + the provider’s real path, for every provider with a default endpoint', () => {
    for (const p of PROVIDERS) {
      for (const type of routeTypesOf(p.kind)) {
        for (const stream of [false, true]) {
          // GIVEN the real upstream URL the model knows for this provider
          const real = new URL(defaultUpstreamUrl(p, MODEL, type, stream) ?? '');
          const apiVersion = p.kind === 'azure' ? p.azure.apiVersion : undefined;
          // WHEN the mock path is asked for
          const path = mockPathFor(p, type, MODEL.model, { stream, ...(apiVersion ? { apiVersion } : {}) });
          // THEN it is the real path and query under the kind's prefix
          assert.equal(decodeURIComponent(path), decodeURIComponent(`/${p.kind}${real.pathname}${real.search}`), `${p.kind} ${type} stream=${stream}`);
        }
      }
    }
  });

  it('resolves every path it hands out back to the same provider, format and model', () => {
    const refs: MockProviderRef[] = [
      ...PROVIDER_KINDS,
      { kind: 'mistral', format: 'ollama' },
      { kind: 'llama2', format: 'openai' },
      { kind: 'llama2', format: 'ollama' },
    ];
    for (const ref of refs) {
      const kind = typeof ref === 'string' ? ref : ref.kind;
      for (const type of ['chat', 'completions'] as const) {
        for (const stream of [false, true]) {
          // GIVEN a path for a model whose id needs escaping
          const path = mockPathFor(ref, type, 'vendor.model:1', { stream }).split('?')[0] ?? '';
          // WHEN it is resolved
          const route = resolveMockRoute(path);
          // THEN it comes back to the same kind, and path-borne models and stream flags survive
          assert.equal(route?.kind, kind, path);
          if (kind === 'gemini' || kind === 'bedrock' || kind === 'azure') assert.equal(route?.pathModel, 'vendor.model:1', path);
          if (kind === 'gemini' || kind === 'bedrock') assert.equal(route?.streamByPath, stream, path);
        }
      }
    }
  });

  it('gives mistral and llama2 the dialect of their format', () => {
    assert.equal(resolveMockRoute(mockPathFor({ kind: 'mistral', format: 'ollama' }, 'chat', 'm'))?.dialect, 'ollama-chat');
    assert.equal(resolveMockRoute(mockPathFor({ kind: 'llama2', format: 'raw' }, 'chat', 'm'))?.dialect, 'hf-generate');
    assert.equal(resolveMockRoute(mockPathFor({ kind: 'llama2', format: 'openai' }, 'completions', 'm'))?.dialect, 'openai-completions');
    assert.equal(resolveMockRoute(mockPathFor('openai-compatible', 'chat', 'm'))?.dialect, 'openai-chat');
  });

  it('accepts unprefixed real paths as the provider that owns them', () => {
    const cases: [string, string, string][] = [
      ['/v1/chat/completions', 'openai', 'openai-chat'],
      ['/v1/completions', 'openai', 'openai-completions'],
      ['/openai/deployments/gpt4/chat/completions', 'azure', 'openai-chat'],
      ['/v1/messages', 'anthropic', 'anthropic-messages'],
      ['/v1/complete', 'anthropic', 'anthropic-complete'],
      ['/v1/chat', 'cohere', 'cohere-chat'],
      ['/v1/generate', 'cohere', 'cohere-generate'],
      ['/api/chat', 'ollama', 'ollama-chat'],
      ['/api/generate', 'ollama', 'ollama-generate'],
      ['/generate', 'llama2', 'hf-generate'],
      ['/v1beta/models/gemini-pro:generateContent', 'gemini', 'gemini'],
      ['/v1/projects/p/locations/l/publishers/google/models/gemini-pro:streamGenerateContent', 'gemini', 'gemini'],
      ['/model/amazon.titan%3A1/converse', 'bedrock', 'bedrock-converse'],
    ];
    for (const [path, kind, dialect] of cases) {
      const r = resolveMockRoute(path);
      assert.deepEqual([r?.kind, r?.dialect], [kind, dialect], path);
    }
    assert.equal(resolveMockRoute('/model/amazon.titan%3A1/converse')?.pathModel, 'amazon.titan:1');
  });

  it('refuses paths a provider would 404', () => {
    for (const path of [
      '/',
      '/openai',
      '/nope/v1/chat/completions',
      '/gemini/v1/messages',
      '/anthropic/v1/chat/completions',
      '/azure/v1/chat/completions',
      '/openai/openai/deployments/x/chat/completions',
      '/bedrock/model/x/invoke',
      '/gemini/v1beta/models/x:embedContent',
      '/ollama/v1/messages',
    ]) {
      assert.equal(resolveMockRoute(path), undefined, path);
    }
  });
});
