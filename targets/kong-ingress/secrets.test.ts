/** Secrets in kong-ingress.yaml: referenceable plugin fields hold Kong vault references, consumer
 * keys stay in Secrets the file only names, vaults KIC would need a KongVault for are refused,
 * and no value ever appears, whether planted in the environment or inline. */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { GatewayModel, Provider, SecretRef, Vaults } from '../../src/model/index.ts';
import { assertNoValue } from '../../test/support/kubernetes.ts';
import { codesAndPaths, emitFails, emitOk, named } from '../../test/support/kong-ingress.ts';
import { consumer, gateway, model, route } from '../../test/support/models.ts';
import { kongIngressTarget } from './index.ts';

const CANARY = 'sk-canary-kong-ingress-0b5e';
const keyAuth = { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: false, keyInBody: false };

function withHeaderSecret(value: SecretRef, vaults: Vaults = {}): GatewayModel {
  const provider: Provider = { kind: 'openai', name: 'openai', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value } };
  return gateway({ providers: [provider], vaults });
}

describe('kong-ingress target: secrets', () => {
  const planted = process.env.OPENAI_API_KEY;
  after(() => {
    if (planted === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = planted;
  });

  it('GIVEN env, aws and gcp secrets with a value planted in the environment WHEN emitted THEN vault references only, never the value', () => {
    // GIVEN
    process.env.OPENAI_API_KEY = CANARY;
    process.env.ALICE_KEY = CANARY;
    const providers: Provider[] = [
      { kind: 'openai', name: 'openai', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value: { kind: 'env', name: 'OPENAI_API_KEY' } } },
      { kind: 'bedrock', name: 'aws', region: 'us-east-1', allowAuthOverride: false, auth: { kind: 'aws', accessKeyId: { kind: 'aws', name: 'b', key: 'id' }, secretAccessKey: { kind: 'aws', name: 'b', key: 'secret' } } },
      { kind: 'gemini', name: 'g', allowAuthOverride: false, auth: { kind: 'gcp-service-account', json: { kind: 'gcp', name: 'sa', project: 'p' } } },
    ];
    const models = providers.map((p) => model(`m-${p.name}`, p.name));
    const m = gateway({
      providers,
      models,
      routes: [route('chat', models.map((x) => x.name), { keyAuth })],
      consumers: [consumer('alice', { credentials: [{ kind: 'key-auth', key: { kind: 'env', name: 'ALICE_KEY' } }] })],
    });
    // WHEN
    const { text, objects } = emitOk(m);
    // THEN
    assertNoValue(text, CANARY);
    const targets = named(objects, 'KongPlugin', 'acme-chat-ai-proxy-advanced').config.targets;
    assert.deepEqual(
      targets.map((t: { auth: object }) => t.auth),
      [
        { header_name: 'Authorization', header_value: '{vault://env/openai-api-key}', allow_override: false },
        { aws_access_key_id: '{vault://aws/b/id}', aws_secret_access_key: '{vault://aws/b/secret}', allow_override: false },
        { gcp_use_service_account: true, gcp_service_account_json: '{vault://gcp/sa?project_id=p}', allow_override: false },
      ],
    );
    delete process.env.ALICE_KEY;
  });

  it('GIVEN inline secrets on a provider and a consumer key WHEN emitted THEN both are errors and the value appears nowhere', () => {
    // GIVEN
    const m: GatewayModel = {
      ...withHeaderSecret({ kind: 'inline', value: CANARY }),
      consumers: [consumer('alice', { credentials: [{ kind: 'key-auth', key: { kind: 'inline', value: CANARY } }] })],
    };
    // WHEN
    const result = kongIngressTarget.emit(m);
    // THEN
    assert.equal(result.ok, false);
    const ds = result.ok ? [] : result.diagnostics;
    assert.deepEqual(codesAndPaths(ds), [
      ['unsupported_by_target', 'providers.openai.auth.value'],
      ['unsupported_by_target', 'consumers.alice.keys.0'],
    ]);
    assertNoValue(JSON.stringify(result), CANARY);
  });

  it('GIVEN hashicorp and azure secrets with their vaults configured WHEN emitted THEN unsupported_by_target pointing to env/aws/gcp or deck', () => {
    // GIVEN
    const vaults: Vaults = {
      hashicorp: { host: 'vault', port: 8200, protocol: 'https', mount: 'kv', kv: 'v2', authMethod: 'kubernetes', kubernetesRole: 'kong' },
      azure: { vaultUri: 'https://acme.vault.azure.net' },
    };
    const provider: Provider = {
      kind: 'bedrock',
      name: 'aws',
      region: 'us-east-1',
      allowAuthOverride: false,
      auth: { kind: 'aws', accessKeyId: { kind: 'hashicorp', path: 'aws', key: 'id' }, secretAccessKey: { kind: 'azure', name: 'aws-secret' } },
    };
    // WHEN
    const ds = emitFails(gateway({ providers: [provider], models: [model('m', 'aws')], vaults }));
    // THEN
    assert.deepEqual(codesAndPaths(ds), [
      ['unsupported_by_target', 'providers.aws.auth.aws.accessKeyId'],
      ['unsupported_by_target', 'providers.aws.auth.aws.secretAccessKey'],
    ]);
    for (const d of ds) {
      assert.match(d.hint ?? '', /KongVault/);
      assert.match(d.hint ?? '', /--target deck/);
    }
  });

  it('GIVEN a consumer key of any reference kind WHEN emitted THEN the KongConsumer names a Secret and the file holds no key', () => {
    for (const key of [{ kind: 'aws', name: 'alice' }, { kind: 'gcp', name: 'alice', project: 'p' }, { kind: 'azure', name: 'alice' }] as const) {
      const { text, objects } = emitOk(gateway({ consumers: [consumer('alice', { credentials: [{ kind: 'key-auth', key }] })] }));
      assert.deepEqual(named(objects, 'KongConsumer', 'acme-alice').credentials, ['acme-alice-key-auth-0']);
      assert.ok(!/^kind: Secret$/m.test(text));
    }
  });
});
