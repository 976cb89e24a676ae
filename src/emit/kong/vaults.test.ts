/** Kong vault entities for HashiCorp Vault and Azure Key Vault, in Kong's field names. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Vaults } from '../../model/index.ts';
import { gateway } from '../../../test/support/models.ts';
import { clean } from '../serialize.ts';
import { createKongContext } from './context.ts';
import { vaultEntities } from './vaults.ts';

function entities(vaults: Vaults) {
  const ctx = createKongContext(gateway({ vaults }), 'some-kong-target', { vaults: { declared: true } });
  return { entities: clean(vaultEntities(ctx)), diagnostics: ctx.diagnostics, kongEnv: ctx.kongEnv };
}

describe('Kong vault entities', () => {
  it('GIVEN vaults.hashicorp with token auth WHEN built THEN an hcv entity whose token is itself an env reference', () => {
    // GIVEN
    const vaults: Vaults = {
      hashicorp: { host: 'vault.internal', port: 8200, protocol: 'https', mount: 'kv', kv: 'v2', authMethod: 'token', token: { kind: 'env', name: 'VAULT_TOKEN' } },
    };
    // WHEN
    const out = entities(vaults);
    // THEN
    assert.deepEqual(out.entities, [
      {
        name: 'hcv',
        prefix: 'aigate-hcv',
        description: 'HashiCorp Vault, written by aigate',
        config: { protocol: 'https', host: 'vault.internal', port: 8200, mount: 'kv', kv: 'v2', auth_method: 'token', token: '{vault://env/vault-token}' },
      },
    ]);
    assert.deepEqual([...out.kongEnv], ['VAULT_TOKEN']);
    assert.deepEqual(out.diagnostics, []);
  });

  it('GIVEN vaults.hashicorp with kubernetes auth WHEN built THEN kube_role and no token', () => {
    const vaults: Vaults = { hashicorp: { host: 'vault', port: 8200, protocol: 'http', mount: 'secret', kv: 'v1', authMethod: 'kubernetes', kubernetesRole: 'kong' } };
    const [hcv] = entities(vaults).entities;
    assert.deepEqual(hcv?.config, { protocol: 'http', host: 'vault', port: 8200, mount: 'secret', kv: 'v1', auth_method: 'kubernetes', kube_role: 'kong' });
  });

  it('GIVEN kubernetes auth with a token WHEN built THEN conflicting_options rather than a silently dropped token', () => {
    const vaults: Vaults = {
      hashicorp: { host: 'vault', port: 8200, protocol: 'http', mount: 'secret', kv: 'v1', authMethod: 'kubernetes', token: { kind: 'env', name: 'VAULT_TOKEN' } },
    };
    assert.deepEqual(entities(vaults).diagnostics.map((d) => [d.code, d.path.join('.')]), [['conflicting_options', 'vaults.hashicorp.token']]);
  });

  it('GIVEN vaults.hashicorp with AppRole WHEN built THEN unsupported_by_target: the config has no role id to give Kong', () => {
    const vaults: Vaults = { hashicorp: { host: 'vault', port: 8200, protocol: 'http', mount: 'secret', kv: 'v1', authMethod: 'approle' } };
    assert.deepEqual(entities(vaults).diagnostics.map((d) => [d.code, d.path.join('.')]), [['unsupported_by_target', 'vaults.hashicorp.authMethod']]);
  });

  it('GIVEN vaults.azure WHEN built THEN an azure entity with uri, tenant, client and location', () => {
    const vaults: Vaults = { azure: { vaultUri: 'https://acme.vault.azure.net', tenantId: 'tenant-1', clientId: 'client-1', location: 'westeurope' } };
    assert.deepEqual(entities(vaults).entities, [
      {
        name: 'azure',
        prefix: 'aigate-azure',
        description: 'Azure Key Vault, written by aigate',
        config: { vault_uri: 'https://acme.vault.azure.net', tenant_id: 'tenant-1', client_id: 'client-1', location: 'westeurope' },
      },
    ]);
  });

  it('GIVEN no vaults WHEN built THEN no entities', () => {
    assert.deepEqual(entities({}).entities, []);
  });
});
