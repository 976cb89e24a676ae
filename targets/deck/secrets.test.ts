/** Secrets in the decK file: the vault entities references need, decK env substitution for key-auth
 * keys, and never a value. (The vault reference of each kind is tested in src/emit/kong.) */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GatewayModel, Provider, SecretRef, Vaults } from '../../src/model/index.ts';
import { emitBoth, emitFails, emitOk } from '../../test/support/deck.ts';
import { consumer, gateway, model, route, type Doc } from '../../test/support/models.ts';

const hcvToken: Vaults = {
  hashicorp: { host: 'vault.internal', port: 8200, protocol: 'https', mount: 'kv', kv: 'v2', authMethod: 'token', token: { kind: 'env', name: 'VAULT_TOKEN' } },
};
const azureVault: Vaults = { azure: { vaultUri: 'https://acme.vault.azure.net', tenantId: 'tenant-1', clientId: 'client-1', location: 'westeurope' } };

function withHeaderSecret(value: SecretRef, vaults: Vaults = {}): GatewayModel {
  const provider: Provider = { kind: 'openai', name: 'openai', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value } };
  return gateway({ providers: [provider], vaults });
}

function withConsumerKey(key: SecretRef): GatewayModel {
  return gateway({
    routes: [route('chat', ['gpt'], { keyAuth: { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: false, keyInBody: false } })],
    consumers: [consumer('alice', { credentials: [{ kind: 'key-auth', key }] })],
  });
}

describe('deck target: vault entities', () => {
  it('GIVEN vaults.hashicorp with token auth WHEN emitted THEN a tagged hcv entry under vaults:, valid for decK and Kong', () => {
    // (the entity config of each auth method is tested in src/emit/kong/vaults.test.ts)
    const { v315 } = emitBoth(withHeaderSecret({ kind: 'hashicorp', path: 'llm', key: 'openai' }, hcvToken));
    assert.deepEqual(v315.vaults.map((v: Doc) => [v.name, v.prefix, v.config.token, v.tags]), [
      ['hcv', 'aigate-hcv', '{vault://env/vault-token}', ['managed-by:aigate', 'aigate-gateway:acme']],
    ]);
  });

  it('GIVEN vaults.azure WHEN emitted THEN an azure vault entity with uri, tenant, client and location', () => {
    const { v315 } = emitBoth(withHeaderSecret({ kind: 'azure', name: 'openai' }, azureVault));
    assert.deepEqual(v315.vaults[0], {
      name: 'azure',
      prefix: 'aigate-azure',
      description: 'Azure Key Vault, written by aigate',
      config: { vault_uri: 'https://acme.vault.azure.net', tenant_id: 'tenant-1', client_id: 'client-1', location: 'westeurope' },
      tags: ['managed-by:aigate', 'aigate-gateway:acme'],
    });
  });

  it('GIVEN hashicorp and azure secrets without their vaults WHEN emitted THEN missing_required for each, reported together', () => {
    const provider: Provider = {
      kind: 'bedrock',
      name: 'aws',
      region: 'us-east-1',
      allowAuthOverride: false,
      auth: { kind: 'aws', accessKeyId: { kind: 'hashicorp', path: 'aws', key: 'id' }, secretAccessKey: { kind: 'azure', name: 'aws-secret' } },
    };
    const ds = emitFails(gateway({ providers: [provider], models: [model('m', 'aws')] }));
    assert.deepEqual(ds.map((d) => [d.code, d.path.join('.')]), [
      ['missing_required', 'providers.aws.auth.aws.accessKeyId'],
      ['missing_required', 'providers.aws.auth.aws.secretAccessKey'],
    ]);
  });
});

describe('deck target: key-auth credentials', () => {
  it('GIVEN an env secret as a consumer key WHEN emitted THEN decK substitutes it from DECK_<NAME> at load time', () => {
    // GIVEN
    const m = withConsumerKey({ kind: 'env', name: 'ALICE_KEY' });
    // WHEN
    const { text, doc } = emitOk(m);
    // THEN: the template must reach decK verbatim, since decK renders the raw text before parsing
    assert.ok(text.includes('- key: ${{ env "DECK_ALICE_KEY" }}\n'), text);
    assert.equal(doc.consumers[0].keyauth_credentials[0].key, '${{ env "DECK_ALICE_KEY" }}');
    assert.ok(text.includes('# decK reads these environment variables when it loads this file: DECK_ALICE_KEY\n'));
  });

  it('GIVEN an env name that already starts with DECK_ WHEN emitted THEN it is used as is', () => {
    const { doc } = emitOk(withConsumerKey({ kind: 'env', name: 'DECK_ALICE' }));
    assert.equal(doc.consumers[0].keyauth_credentials[0].key, '${{ env "DECK_ALICE" }}');
  });

  for (const key of [
    { kind: 'hashicorp', path: 'consumers', key: 'alice' },
    { kind: 'aws', name: 'alice' },
    { kind: 'gcp', name: 'alice', project: 'p' },
    { kind: 'azure', name: 'alice' },
  ] as const) {
    it(`GIVEN a ${key.kind} secret as a consumer key WHEN emitted THEN unsupported_by_target with a hint, because Kong would store the reference as the key`, () => {
      const [d, ...rest] = emitFails(withConsumerKey(key));
      assert.equal(rest.length, 0);
      assert.equal(d?.code, 'unsupported_by_target');
      assert.deepEqual(d?.path, ['consumers', 'alice', 'keys', 0]);
      assert.equal(d?.target, 'deck');
      assert.match(d?.hint ?? '', /env/);
    });
  }
});

describe('deck target: inline secrets and values', () => {
  const SECRET_VALUE = 'sk-test-do-not-leak-1234';

  it('GIVEN inline secrets on a provider and a consumer WHEN emitted THEN both are errors and the value appears nowhere', () => {
    // GIVEN
    const m: GatewayModel = {
      ...withConsumerKey({ kind: 'inline', value: SECRET_VALUE }),
      providers: [{ kind: 'openai', name: 'openai', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value: { kind: 'inline', value: SECRET_VALUE } } }],
    };
    // WHEN
    const ds = emitFails(m);
    // THEN
    assert.deepEqual(ds.map((d) => [d.code, d.path.join('.')]), [
      ['unsupported_by_target', 'providers.openai.auth.value'],
      ['unsupported_by_target', 'consumers.alice.keys.0'],
    ]);
    for (const d of ds) {
      assert.equal(d.message, 'inline secrets are only for local testing on the reference proxy');
      assert.equal(d.target, 'deck');
    }
    assert.ok(!JSON.stringify(ds).includes(SECRET_VALUE));
  });

  it('GIVEN secrets of every kind WHEN emitted THEN every secret-bearing field holds a reference, never a value', () => {
    // GIVEN
    const providers: Provider[] = [
      { kind: 'openai', name: 'a', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value: { kind: 'env', name: 'A_KEY' } } },
      { kind: 'gemini', name: 'b', allowAuthOverride: false, auth: { kind: 'param', name: 'key', location: 'query', value: { kind: 'hashicorp', path: 'b', key: 'k' } } },
      { kind: 'bedrock', name: 'c', region: 'us-east-1', allowAuthOverride: false, auth: { kind: 'aws', accessKeyId: { kind: 'aws', name: 'c' , key: 'id' }, secretAccessKey: { kind: 'aws', name: 'c', key: 'secret' } } },
      { kind: 'gemini', name: 'd', allowAuthOverride: false, auth: { kind: 'gcp-service-account', json: { kind: 'gcp', name: 'sa', project: 'p' } } },
      { kind: 'azure', name: 'e', azure: { instance: 'x', apiVersion: '2024-06-01' }, allowAuthOverride: false, auth: { kind: 'azure-managed-identity', clientId: 'c', clientSecret: { kind: 'azure', name: 'e' } } },
    ];
    const models = providers.map((p) => model(`m-${p.name}`, p.name));
    const m: GatewayModel = {
      ...withConsumerKey({ kind: 'env', name: 'ALICE_KEY' }),
      providers,
      models,
      routes: [route('chat', models.map((x) => x.name), { keyAuth: { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: false, keyInBody: false } })],
      vaults: { ...hcvToken, ...azureVault },
    };
    // WHEN
    const { v315 } = emitBoth(m);
    // THEN
    const SECRET_FIELDS = new Set(['header_value', 'param_value', 'aws_access_key_id', 'aws_secret_access_key', 'gcp_service_account_json', 'azure_client_secret', 'token', 'key']);
    const seen: string[] = [];
    const walk = (v: Doc): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (SECRET_FIELDS.has(k)) {
            seen.push(k);
            assert.match(String(x), /^(\{vault:\/\/[^{}\s]+\}|\$\{\{ env "DECK_[A-Z0-9_]+" \}\})$/, `${k}: ${String(x)}`);
          }
          walk(x);
        }
      }
    };
    walk(v315);
    assert.deepEqual([...new Set(seen)].sort(), [...SECRET_FIELDS].sort());
  });
});
