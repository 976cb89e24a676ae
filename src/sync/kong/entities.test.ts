/** Kong documents as entities: nested (what aigate posts) and flat with ids (what Kong exports) name
 * the same things the same way; decK's layout becomes DB-less's. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedactor } from '../redact.ts';
import { toDbless } from './dbless.ts';
import { kongEntities } from './entities.ts';
import { normaliseKong } from './normalise.ts';

const TAGS = ['managed-by:aigate', 'aigate-gateway:acme'];

describe('kongEntities', () => {
  it('GIVEN the nested form and the exported flat form WHEN read THEN the same names and, normalised, the same bodies', () => {
    // GIVEN
    const nested = {
      services: [{ name: 'chat', url: 'http://localhost:32000', tags: TAGS, routes: [{ name: 'chat', paths: ['/chat'], tags: TAGS, plugins: [{ name: 'key-auth', config: { key_names: ['apikey'] }, tags: TAGS }] }] }],
      consumers: [{ username: 'alice', tags: TAGS, keyauth_credentials: [{ key: 'k1', tags: TAGS }] }],
      consumer_groups: [{ name: 'partners', tags: TAGS }],
      consumer_group_consumers: [{ consumer: 'alice', consumer_group: 'partners' }],
    };
    const flat = {
      services: [{ id: 's1', name: 'chat', protocol: 'http', host: 'localhost', port: 32000, path: null, retries: 5, tags: TAGS, created_at: 1 }],
      routes: [{ id: 'r1', name: 'chat', paths: ['/chat'], service: { id: 's1' }, protocols: ['http', 'https'], tags: TAGS }],
      plugins: [{ id: 'p1', name: 'key-auth', route: 'r1', service: null, consumer: null, config: { key_names: ['apikey'], anonymous: null, run_on_preflight: true }, enabled: true, tags: TAGS }],
      consumers: [{ id: 'c1', username: 'alice', custom_id: null, tags: TAGS }],
      keyauth_credentials: [{ id: 'k', consumer: { id: 'c1' }, key: 'k1', ttl: null, tags: TAGS }],
      consumer_groups: [{ id: 'g1', name: 'partners', tags: TAGS }],
      consumer_group_consumers: [{ consumer: { id: 'c1' }, consumer_group: { id: 'g1' } }],
    };
    // WHEN
    const a = kongEntities(nested);
    const b = kongEntities(flat);
    // THEN
    const names = (es: typeof a) => es.map((e) => `${e.kind} ${e.name}`).sort();
    assert.deepEqual(names(a), names(b));
    assert.deepEqual(names(a), [
      'consumer alice',
      'consumer_group partners',
      'consumer_group_consumer partners/alice',
      'keyauth_credential alice/key-auth-0',
      'plugin route:chat/key-auth',
      'route chat',
      'service chat',
    ]);
    for (const want of a) {
      const have = b.find((e) => e.kind === want.kind && e.name === want.name)!;
      const desired = normaliseKong(want.kind, want.body);
      assert.deepEqual(normaliseKong(have.kind, have.body, desired), desired, `${want.kind} ${want.name}`);
    }
  });
});

describe('toDbless', () => {
  it('GIVEN a decK file WHEN converted THEN _info goes, memberships and group plugins move to the top level, env values are read', () => {
    const deck = {
      _format_version: '3.0',
      _info: { select_tags: TAGS },
      consumers: [{ username: 'alice', groups: [{ name: 'partners' }], keyauth_credentials: [{ key: '${{ env "DECK_ALICE_KEY" }}' }] }],
      consumer_groups: [{ name: 'partners', plugins: [{ name: 'rate-limiting', config: { minute: 5 } }] }],
    };
    const redactor = createRedactor();
    const r = toDbless(deck, { DECK_ALICE_KEY: 'alice-secret' }, redactor);
    assert.ok(r.ok);
    assert.deepEqual(r.value, {
      _format_version: '3.0',
      consumers: [{ username: 'alice', keyauth_credentials: [{ key: 'alice-secret' }] }],
      consumer_groups: [{ name: 'partners' }],
      consumer_group_consumers: [{ consumer: 'alice', consumer_group: 'partners' }],
      consumer_group_plugins: [{ name: 'rate-limiting', config: { minute: 5 }, consumer_group: 'partners' }],
    });
    assert.equal(redactor.redact('key alice-secret'), 'key ***');
  });
});
