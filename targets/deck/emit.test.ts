/** The decK file as a whole: layout, ownership tags, header, balancing, determinism, features. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ownershipTags } from '../../src/emit/index.ts';
import { usedFeatures } from '../../src/model/index.ts';
import { deckTarget } from './index.ts';
import { emitBoth, emitOk, plugin } from '../../test/support/deck.ts';
import { consumer, gateway, model, openai, route, type Doc } from '../../test/support/models.ts';

describe('deck target: file layout', () => {
  it('GIVEN one route with one model WHEN emitted THEN one service, one route and an ai-proxy plugin', () => {
    // GIVEN
    const m = gateway();
    // WHEN
    const { doc } = emitOk(m);
    // THEN
    assert.equal(doc._format_version, '3.0');
    assert.deepEqual(doc._info, { select_tags: ownershipTags('acme') });
    assert.equal(doc.services.length, 1);
    const svc = doc.services[0];
    assert.equal(svc.name, 'chat');
    assert.equal(svc.routes.length, 1);
    assert.deepEqual(
      { name: svc.routes[0].name, paths: svc.routes[0].paths, strip_path: svc.routes[0].strip_path },
      { name: 'chat', paths: ['/chat'], strip_path: true },
    );
    assert.deepEqual(plugin(doc, 'ai-proxy').config, {
      route_type: 'llm/v1/chat',
      auth: { header_name: 'Authorization', header_value: '{vault://env/openai-api-key}', allow_override: false },
      model: { provider: 'openai', name: 'gpt-4o', options: {} },
      logging: { log_statistics: true, log_payloads: false },
      response_streaming: 'allow',
      model_name_header: true,
      max_request_body_size: 1_048_576,
    });
    assert.equal(doc.consumers, undefined);
    assert.equal(doc.vaults, undefined);
  });

  it('GIVEN the target WHEN asked who it is THEN it is "deck" and writes deck.yaml', () => {
    assert.equal(deckTarget.id, 'deck');
    assert.equal(emitOk(gateway()).doc._format_version, '3.0');
  });

  it('GIVEN a completions route with model options WHEN emitted THEN route_type and options follow', () => {
    // GIVEN
    const m = gateway({
      models: [
        model('gpt', 'openai', 'gpt-3.5-turbo-instruct', {
          options: { maxTokens: 256, temperature: 0.2, topP: 0.9, topK: 40, inputCost: 1.5, outputCost: 2 },
        }),
      ],
      routes: [route('complete', ['gpt'], { type: 'completions', streaming: 'deny', modelNameHeader: false, logging: { statistics: false, payloads: true } })],
    });
    // WHEN
    const { v315, v310 } = emitBoth(m);
    // THEN
    for (const doc of [v315, v310]) {
      const config = plugin(doc, 'ai-proxy').config;
      assert.equal(config.route_type, 'llm/v1/completions');
      assert.deepEqual(config.model.options, { max_tokens: 256, temperature: 0.2, top_p: 0.9, top_k: 40, input_cost: 1.5, output_cost: 2 });
      assert.equal(config.response_streaming, 'deny');
      assert.equal(config.model_name_header, false);
      assert.deepEqual(config.logging, { log_statistics: false, log_payloads: true });
    }
  });

  it('GIVEN several routes WHEN emitted THEN one service per route, in model order', () => {
    const m = gateway({ routes: [route('b', ['gpt']), route('a', ['gpt'])] });
    const { doc } = emitOk(m);
    assert.deepEqual(doc.services.map((s: Doc) => s.name), ['b', 'a']);
  });
});

describe('deck target: balancing', () => {
  it('GIVEN a route with several models WHEN emitted THEN ai-proxy-advanced with one target each and every balancer field explicit', () => {
    // GIVEN
    const anthropic = {
      kind: 'anthropic',
      name: 'anthropic',
      anthropicVersion: '2023-06-01',
      allowAuthOverride: false,
      auth: { kind: 'header', name: 'x-api-key', value: { kind: 'env', name: 'ANTHROPIC_API_KEY' } },
    } as const;
    const m = gateway({
      providers: [openai, anthropic],
      models: [model('gpt', 'openai', 'gpt-4o'), model('claude', 'anthropic', 'claude-sonnet-4')],
      routes: [route('chat', ['gpt', 'claude'], { streaming: 'always' })],
    });
    // WHEN
    const { v315, v310 } = emitBoth(m);
    // THEN
    for (const doc of [v315, v310]) {
      assert.equal(doc.services[0].routes[0].plugins.length, 1);
      const config = plugin(doc, 'ai-proxy-advanced').config;
      assert.deepEqual(config.balancer, {
        algorithm: 'round-robin',
        retries: 5,
        failover_criteria: ['error', 'timeout', 'non_idempotent'],
        connect_timeout: 60_000,
        read_timeout: 60_000,
        write_timeout: 60_000,
        latency_strategy: 'tpot',
        tokens_count_strategy: 'total-tokens',
      });
      assert.equal(config.response_streaming, 'always');
      assert.equal(config.model_name_header, true);
      assert.deepEqual(
        config.targets.map((t: Doc) => [t.model.provider, t.model.name, t.weight, t.route_type]),
        [
          ['openai', 'gpt-4o', 100, 'llm/v1/chat'],
          ['anthropic', 'claude-sonnet-4', 100, 'llm/v1/chat'],
        ],
      );
      assert.equal(config.targets[1].auth.header_value, '{vault://env/anthropic-api-key}');
      assert.equal(config.targets[1].model.options.anthropic_version, '2023-06-01');
      assert.equal(config.targets[0].response_streaming, undefined, 'streaming is plugin-level, not per target');
    }
  });
});

describe('deck target: ownership and header', () => {
  it('GIVEN every kind of entity WHEN emitted THEN each one carries the ownership tags', () => {
    // GIVEN
    const m = gateway({
      routes: [route('chat', ['gpt'], { keyAuth: { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: false, keyInBody: false } })],
      consumers: [consumer('alice', { groups: ['gold'], credentials: [{ kind: 'key-auth', key: { kind: 'env', name: 'ALICE_KEY' } }] })],
      consumerGroups: ['gold'],
      vaults: { azure: { vaultUri: 'https://acme.vault.azure.net' } },
    });
    // WHEN
    const { doc } = emitOk(m);
    // THEN
    const tags = ownershipTags('acme');
    const entities: Doc[] = [
      ...doc.services,
      ...doc.services.flatMap((s: Doc) => s.routes),
      ...doc.services.flatMap((s: Doc) => s.routes.flatMap((r: Doc) => r.plugins)),
      ...doc.consumers,
      ...doc.consumers.flatMap((c: Doc) => c.keyauth_credentials),
      ...doc.consumer_groups,
      ...doc.vaults,
    ];
    assert.equal(entities.length, 8);
    for (const e of entities) assert.deepEqual(e.tags, tags, JSON.stringify(e));
  });

  it('GIVEN a model WHEN emitted THEN the file opens with a do-not-edit header naming gateway and Kong version', () => {
    const { text } = emitOk(gateway({ version: '3.12' }));
    const header = text.split('\n').filter((l) => l.startsWith('#'));
    assert.match(header[0] ?? '', /^# Generated by aigate\. Do not edit/);
    assert.ok(header.includes('# gateway: acme'));
    assert.ok(header.includes('# Kong Gateway: 3.12'));
    assert.ok(header.includes('# Kong reads these environment variables (env vault): OPENAI_API_KEY'));
  });
});

describe('deck target: Kong Enterprise', () => {
  it('GIVEN a balanced route and a HashiCorp secret WHEN emitted THEN the header names the Enterprise plugin and vault; an OSS file names none', () => {
    // GIVEN
    const provider = { ...openai, auth: { kind: 'header', name: 'Authorization', value: { kind: 'hashicorp', path: 'llm', key: 'openai' } } } as const;
    const m = gateway({
      providers: [provider],
      models: [model('gpt', 'openai', 'gpt-4o'), model('mini', 'openai', 'gpt-4o-mini')],
      routes: [route('chat', ['gpt', 'mini'])],
      vaults: { hashicorp: { host: 'vault', port: 8200, protocol: 'https', mount: 'kv', kv: 'v2', authMethod: 'kubernetes', kubernetesRole: 'kong' } },
    });
    // WHEN
    const header = emitOk(m).text.split('\n').filter((l) => l.startsWith('#'));
    // THEN
    assert.ok(header.includes('# Kong Gateway Enterprise is required for these plugins: ai-proxy-advanced'), header.join('\n'));
    assert.ok(header.includes('# Kong Gateway Enterprise is required for these vaults: hcv'));
    assert.ok(!emitOk(gateway()).text.includes('Enterprise'));
  });
});

describe('deck target: determinism', () => {
  it('GIVEN the same model twice, once as a deep copy WHEN emitted THEN the bytes are identical', () => {
    // GIVEN
    const m = gateway({
      models: [model('gpt', 'openai', 'gpt-4o'), model('mini', 'openai', 'gpt-4o-mini', { options: { maxTokens: 10 } })],
      routes: [route('chat', ['gpt', 'mini']), route('solo', ['mini'])],
      consumers: [
        consumer('bob', { credentials: [{ kind: 'key-auth', key: { kind: 'env', name: 'BOB_KEY' } }] }),
        consumer('alice', { customId: 'a-1', credentials: [{ kind: 'key-auth', key: { kind: 'env', name: 'ALICE_KEY' } }] }),
      ],
    });
    // WHEN
    const first = deckTarget.emit(m);
    const second = deckTarget.emit(structuredClone(m));
    // THEN
    assert.ok(first.ok && second.ok);
    assert.equal(first.value[0]?.content, second.value[0]?.content);
    assert.ok(!first.value[0]?.content.includes('\r'), 'LF line endings only');
  });
});

describe('deck target: features', () => {
  it('GIVEN a model using every feature but inline secrets WHEN compared THEN the target declares them all', () => {
    // GIVEN
    const azure = {
      kind: 'azure',
      name: 'azure',
      azure: { instance: 'acme', apiVersion: '2024-06-01' },
      allowAuthOverride: false,
      auth: { kind: 'azure-managed-identity' },
    } as const;
    const m = gateway({
      providers: [openai, azure],
      models: [model('gpt', 'openai', 'gpt-4o', { alias: 'best' }), model('az', 'azure', 'gpt-4o')],
      routes: [route('chat', ['gpt', 'az'], { keyAuth: { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: false, keyInBody: false } }), route('c', ['gpt'], { type: 'completions' })],
      consumers: [consumer('alice', { groups: ['gold'] })],
      consumerGroups: ['gold'],
    });
    // WHEN
    const used = usedFeatures(m).map((u) => u.feature);
    // THEN
    assert.ok(used.length >= 8);
    for (const f of used) assert.ok(deckTarget.features.has(f), f);
    assert.equal(deckTarget.features.has('secret:inline'), false);
    assert.equal(emitOk(m).doc.services.length, 2);
  });
});
