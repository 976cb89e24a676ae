/** Secrets are read when a configuration loads: env and inline values; anything else only under
 * --mock, where provider credentials become placeholders but consumer keys must still be real. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Provider, SecretRef } from '../model/index.ts';
import { MOCK_CREDENTIAL, resolveSecrets } from './secrets.ts';
import { consumer, gateway } from './testing/gateway.ts';

const env = (name: string): SecretRef => ({ kind: 'env', name });
const headerAuth = (value: SecretRef): Provider => ({ name: 'openai', kind: 'openai', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value } });
const g = (provider: Provider, consumers = [consumer('alice', 'ALICE_KEY')]) => gateway({ providers: [provider], models: [], routes: [], consumers });

describe('resolveSecrets', () => {
  it('reads env and inline references', () => {
    const inline: SecretRef = { kind: 'inline', value: 'sk-inline' };
    const r = resolveSecrets(g(headerAuth(inline)), { mock: false, env: { ALICE_KEY: 'k1' } });
    assert.ok(r.ok);
    assert.equal(r.value.resolve(inline), 'sk-inline');
    assert.equal(r.value.consumerKeys.get('k1'), 'alice');
  });

  it('fails at start on a missing variable, naming it and never a value', () => {
    const r = resolveSecrets(g(headerAuth(env('OPENAI_AUTH'))), { mock: false, env: { ALICE_KEY: 'super-secret-value' } });
    assert.ok(!r.ok);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]?.message, 'environment variable OPENAI_AUTH is not set');
    assert.deepEqual(r.diagnostics[0]?.path, ['providers', 'openai', 'auth', 'value']);
    assert.ok(!JSON.stringify(r.diagnostics).includes('super-secret-value'));
  });

  it('refuses vault and cloud references unless serving against the mocks', () => {
    const vault: SecretRef = { kind: 'hashicorp', path: 'ai/openai', key: 'token' };
    const r = resolveSecrets(g(headerAuth(vault)), { mock: false, env: { ALICE_KEY: 'k' } });
    assert.ok(!r.ok);
    assert.equal(r.diagnostics[0]?.message, 'hashicorp:ai/openai#token: the reference proxy reads env and inline secrets; run with --mock or use env references');
    const m = resolveSecrets(g(headerAuth(vault)), { mock: true, env: { ALICE_KEY: 'k' } });
    assert.ok(m.ok);
    assert.equal(m.value.resolve(vault), MOCK_CREDENTIAL);
  });

  it('under --mock makes unreadable provider credentials placeholders, but not consumer keys', () => {
    const ok = resolveSecrets(g(headerAuth(env('UNSET_PROVIDER_KEY'))), { mock: true, env: { ALICE_KEY: 'k' } });
    assert.ok(ok.ok);
    const missingConsumer = resolveSecrets(g(headerAuth(env('UNSET_PROVIDER_KEY'))), { mock: true, env: {} });
    assert.ok(!missingConsumer.ok);
    assert.deepEqual(missingConsumer.diagnostics[0]?.path, ['consumers', 'alice', 'keys', 0]);
    const vaultConsumer = { name: 'bob', groups: [], credentials: [{ kind: 'key-auth' as const, key: { kind: 'azure' as const, name: 'bob-key' } }], policies: {} };
    assert.ok(!resolveSecrets(g(headerAuth(env('X')), [vaultConsumer]), { mock: true, env: {} }).ok);
  });

  it('refuses two consumers with the same key', () => {
    const r = resolveSecrets(g(headerAuth(env('P')), [consumer('alice', 'K1'), consumer('bob', 'K2')]), { mock: true, env: { K1: 'same', K2: 'same' } });
    assert.ok(!r.ok);
    assert.equal(r.diagnostics[0]?.code, 'duplicate_name');
  });

  it('needs AWS variables for a Bedrock provider without keys, except under --mock', () => {
    const bedrock: Provider = { name: 'br', kind: 'bedrock', region: 'us-east-1', allowAuthOverride: false };
    assert.ok(!resolveSecrets(g(bedrock, []), { mock: false, env: {} }).ok);
    assert.ok(resolveSecrets(g(bedrock, []), { mock: false, env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' } }).ok);
    const m = resolveSecrets(g(bedrock, []), { mock: true, env: {} });
    assert.ok(m.ok);
    assert.equal(m.value.resolve(env('AWS_ACCESS_KEY_ID')), MOCK_CREDENTIAL);
  });
});
