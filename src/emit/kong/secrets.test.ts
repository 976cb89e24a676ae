/** Secret references as Kong vault references: every kind, the env names Kong can reach, the
 * vaults a reference needs, and inline values refused. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SecretRef, Vaults } from '../../model/index.ts';
import { gateway } from '../../../test/support/models.ts';
import { createKongContext, type KongContextOptions } from './context.ts';
import { vaultReference } from './secrets.ts';

const hcvToken: Vaults = {
  hashicorp: { host: 'vault.internal', port: 8200, protocol: 'https', mount: 'kv', kv: 'v2', authMethod: 'token', token: { kind: 'env', name: 'VAULT_TOKEN' } },
};
const azureVault: Vaults = { azure: { vaultUri: 'https://acme.vault.azure.net' } };
const DECLARED: KongContextOptions = { vaults: { declared: true } };
const AT = ['providers', 'openai', 'auth', 'value'];

function reference(ref: SecretRef, vaults: Vaults = {}, options: KongContextOptions = DECLARED) {
  const ctx = createKongContext(gateway({ vaults }), 'some-kong-target', options);
  return { value: vaultReference(ctx, ref, AT), ctx };
}

describe('Kong vault references', () => {
  const cases: readonly [string, SecretRef, Vaults, string][] = [
    ['env', { kind: 'env', name: 'OPENAI_API_KEY' }, {}, '{vault://env/openai-api-key}'],
    ['hashicorp', { kind: 'hashicorp', path: '/llm/openai/', key: 'bearer' }, hcvToken, '{vault://aigate-hcv/llm/openai/bearer}'],
    ['aws with key and region', { kind: 'aws', name: 'prod/openai', key: 'bearer', region: 'eu-west-1' }, {}, '{vault://aws/prod/openai/bearer?region=eu-west-1}'],
    ['aws, bare', { kind: 'aws', name: 'openai-bearer' }, {}, '{vault://aws/openai-bearer}'],
    ['aws, a path-like name without key', { kind: 'aws', name: 'prod/openai' }, {}, '{vault://aws/prod/openai/}'],
    ['gcp', { kind: 'gcp', name: 'openai-bearer', project: 'acme-secrets' }, {}, '{vault://gcp/openai-bearer?project_id=acme-secrets}'],
    ['azure', { kind: 'azure', name: 'openai-bearer' }, azureVault, '{vault://aigate-azure/openai-bearer}'],
  ];
  for (const [kind, ref, vaults, expected] of cases) {
    it(`GIVEN a ${kind} secret WHEN referenced THEN the whole value is ${expected}`, () => {
      const { value, ctx } = reference(ref, vaults);
      assert.equal(value, expected);
      assert.deepEqual(ctx.diagnostics, []);
    });
  }

  it('GIVEN env secrets WHEN referenced THEN the variables Kong reads are collected by name', () => {
    const ctx = createKongContext(gateway(), 't', DECLARED);
    vaultReference(ctx, { kind: 'env', name: 'B_KEY' }, AT);
    vaultReference(ctx, { kind: 'env', name: 'A_KEY' }, AT);
    assert.deepEqual([...ctx.kongEnv].sort(), ['A_KEY', 'B_KEY']);
  });

  it('GIVEN an env name Kong cannot address WHEN referenced THEN unsupported_by_target with a rename hint', () => {
    const { value, ctx } = reference({ kind: 'env', name: 'openai_key' });
    assert.equal(value, undefined);
    const [d, ...rest] = ctx.diagnostics;
    assert.equal(rest.length, 0);
    assert.equal(d?.code, 'unsupported_by_target');
    assert.deepEqual(d?.path, AT);
    assert.match(d?.hint ?? '', /OPENAI_KEY/);
  });

  it('GIVEN hashicorp and azure secrets without their vaults WHEN referenced THEN missing_required for each', () => {
    for (const ref of [{ kind: 'hashicorp', path: 'p', key: 'k' }, { kind: 'azure', name: 'n' }] as const) {
      const { value, ctx } = reference(ref);
      assert.equal(value, undefined);
      assert.deepEqual(ctx.diagnostics.map((d) => d.code), ['missing_required']);
    }
  });

  it('GIVEN a target that cannot declare vaults WHEN hashicorp and azure secrets are referenced THEN unsupported_by_target with that target’s hint', () => {
    // GIVEN: the vaults are configured, but the output has no way to declare them to Kong
    const options: KongContextOptions = { vaults: { declared: false, hint: 'use env instead' } };
    for (const ref of [{ kind: 'hashicorp', path: 'p', key: 'k' }, { kind: 'azure', name: 'n' }] as const) {
      // WHEN
      const { value, ctx } = reference(ref, { ...hcvToken, ...azureVault }, options);
      // THEN
      assert.equal(value, undefined);
      assert.deepEqual(ctx.diagnostics.map((d) => [d.code, d.path, d.hint, d.target]), [['unsupported_by_target', AT, 'use env instead', 'some-kong-target']]);
    }
  });

  it('GIVEN an inline secret WHEN referenced THEN unsupported_by_target and the value appears nowhere', () => {
    const { value, ctx } = reference({ kind: 'inline', value: 'sk-canary-123' });
    assert.equal(value, undefined);
    assert.deepEqual(ctx.diagnostics.map((d) => d.message), ['inline secrets are only for local testing on the reference proxy']);
    assert.ok(!JSON.stringify(ctx.diagnostics).includes('sk-canary-123'));
  });
});
