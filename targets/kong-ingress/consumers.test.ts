/** KongConsumers, KongConsumerGroups and the credential Secrets consumers reference: named in the
 * consumer and listed in the header, never written. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codesAndPaths, emitFails, emitOk, named, ofKind } from '../../test/support/kong-ingress.ts';
import { consumer, gateway, route } from '../../test/support/models.ts';

const keyAuth = { keyNames: ['apikey'], hideCredentials: true, keyInHeader: true, keyInQuery: false, keyInBody: false };

describe('kong-ingress target: consumers', () => {
  it('GIVEN consumers in groups with keys WHEN emitted THEN KongConsumers with username, custom_id, groups and credential Secret names', () => {
    // GIVEN
    const m = gateway({
      routes: [route('chat', ['gpt'], { keyAuth })],
      consumers: [
        consumer('alice', {
          customId: 'emp-001',
          groups: ['gold', 'beta'],
          credentials: [
            { kind: 'key-auth', key: { kind: 'env', name: 'ALICE_KEY' } },
            { kind: 'key-auth', key: { kind: 'aws', name: 'prod/alice', key: 'old' } },
          ],
        }),
        consumer('bob'),
      ],
      consumerGroups: ['gold', 'beta'],
    });
    // WHEN
    const { objects } = emitOk(m);
    // THEN
    const alice = named(objects, 'KongConsumer', 'acme-alice');
    assert.deepEqual(
      { username: alice.username, custom_id: alice.custom_id, consumerGroups: alice.consumerGroups, credentials: alice.credentials },
      { username: 'alice', custom_id: 'emp-001', consumerGroups: ['gold', 'beta'], credentials: ['acme-alice-key-auth-0', 'acme-alice-key-auth-1'] },
    );
    assert.deepEqual(Object.keys(named(objects, 'KongConsumer', 'acme-bob')), ['apiVersion', 'kind', 'metadata', 'username']);
    assert.deepEqual(ofKind(objects, 'KongConsumerGroup').map((g) => g.metadata.name), ['gold', 'beta']);
  });

  it('GIVEN consumers and groups WHEN emitted THEN both carry the ingress class annotation KIC filters by', () => {
    const { objects } = emitOk(gateway({ consumers: [consumer('alice', { groups: ['gold'] })], consumerGroups: ['gold'] }));
    for (const o of [...ofKind(objects, 'KongConsumer'), ...ofKind(objects, 'KongConsumerGroup')]) {
      assert.deepEqual(o.metadata.annotations, { 'kubernetes.io/ingress.class': 'kong' });
    }
  });

  it('GIVEN consumer keys WHEN emitted THEN the header lists each credential Secret with the reference that fills it and the labels it needs', () => {
    // GIVEN
    const m = gateway({
      consumers: [consumer('alice', { credentials: [{ kind: 'key-auth', key: { kind: 'env', name: 'ALICE_KEY' } }, { kind: 'key-auth', key: { kind: 'hashicorp', path: 'keys', key: 'alice' } }] })],
    });
    // WHEN
    const { text } = emitOk(m);
    // THEN
    const header = text.split('\n').filter((l) => l.startsWith('#')).join('\n');
    assert.match(header, /konghq\.com\/credential: key-auth/);
    assert.match(header, /konghq\.com\/secret: "true"/);
    assert.ok(header.includes('#   acme-alice-key-auth-0: key from env:ALICE_KEY (consumers.alice.keys[0])'), header);
    assert.ok(header.includes('#   acme-alice-key-auth-1: key from hashicorp:keys#alice (consumers.alice.keys[1])'), header);
  });

  it('GIVEN a group name that is not a DNS label WHEN emitted THEN a warning says which name Kong will use', () => {
    const { objects, warnings } = emitOk(gateway({ consumers: [consumer('alice', { groups: ['Gold_Tier'] })], consumerGroups: ['Gold_Tier'] }));
    const [group] = ofKind(objects, 'KongConsumerGroup');
    assert.equal(named(objects, 'KongConsumer', 'acme-alice').consumerGroups[0], group?.metadata.name);
    assert.deepEqual(codesAndPaths(warnings), [['unsupported_by_target', 'consumerGroups.Gold_Tier']]);
    assert.ok(warnings[0]?.message.includes(group?.metadata.name));
  });

  it('GIVEN a consumer name and custom id the KongConsumer CRD refuses WHEN emitted THEN unsupported_by_target for each', () => {
    const ds = emitFails(gateway({ consumers: [consumer('alice!', { customId: 'a;b' })] }));
    assert.deepEqual(codesAndPaths(ds), [
      ['unsupported_by_target', 'consumers.alice!'],
      ['unsupported_by_target', 'consumers.alice!.customId'],
    ]);
  });

  it('GIVEN an e-mail address as consumer name WHEN emitted THEN it stays the username and the object name is a DNS label', () => {
    const { objects } = emitOk(gateway({ consumers: [consumer('alice@example.com')] }));
    const [c] = ofKind(objects, 'KongConsumer');
    assert.equal(c?.username, 'alice@example.com');
    assert.match(c?.metadata.name ?? '', /^acme-alice-example-com-[0-9a-f]{6}$/);
  });
});
