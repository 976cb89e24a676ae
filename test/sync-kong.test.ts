/** `aigate diff` and `aigate sync --target deck --kong-admin-url` against a fake DB-less Kong
 * (test/support/fake-kong-admin.ts): decK → DB-less conversion, env substitution with masked
 * values, select-tag ownership, one POST /config with check_hash and flatten_errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diffCommand } from '../src/cli/commands/diff.ts';
import { syncCommand, type SyncOptions } from '../src/cli/commands/sync.ts';
import { createRedactor, plan } from '../src/sync/index.ts';
import { kongAdmin, normaliseKong, observeKong, toDbless } from '../src/sync/kong/index.ts';
import { startFakeKongAdmin, type FakeKongAdmin } from './support/fake-kong-admin.ts';
import { capture, changedLines, workdir, type Workdir } from './support/sync.ts';

const CANARY = 'sk-canary-sync-kong-5e21d0';
const env = { DECK_ALICE_KEY: CANARY };

function config({ temperature = 0.2, legacy = true, model = 'command-r-plus' } = {}) {
  return {
    name: 'acme',
    providers: { cohere: { kind: 'cohere', auth: { header: 'Authorization', value: { env: 'COHERE_AUTH' } } } },
    models: { 'command-r': { provider: 'cohere', model, options: { temperature } } },
    routes: {
      chat: { path: '/chat', model: 'command-r', auth: { keyNames: ['apikey'] } },
      ...(legacy && { legacy: { path: '/legacy', model: 'command-r' } }),
    },
    consumerGroups: { partners: {} },
    consumers: { alice: { groups: ['partners'], keys: [{ env: 'ALICE_KEY' }] } },
  };
}

// Someone else's entities in the same Kong: no aigate tags.
const THEIRS = {
  _format_version: '3.0',
  services: [{ name: 'billing', url: 'http://billing.internal:8080', routes: [{ name: 'billing', paths: ['/billing'] }] }],
  plugins: [{ name: 'prometheus', config: { per_consumer: true } }],
};

describe('aigate diff / sync against a DB-less Kong', () => {
  let kong: FakeKongAdmin;
  let work: Workdir;
  const opts = (extra: Partial<SyncOptions> = {}): SyncOptions => ({
    target: 'deck',
    kongAdminUrl: kong.url,
    applySecrets: false,
    forceConflicts: false,
    prune: true,
    dryRun: false,
    format: 'text',
    ...extra,
  });
  const run = async (command: 'diff' | 'sync', file: string, extra: Partial<SyncOptions> = {}, e: Record<string, string> = env) => {
    const io = capture(e);
    const code = command === 'diff' ? await diffCommand(file, opts(extra), io) : await syncCommand(file, opts(extra), io);
    assert.ok(!io.all.includes(CANARY), `the canary leaked:\n${io.all}`);
    return { code, io };
  };

  before(async () => {
    // The model name "rejected" stands for anything aigate accepts and Kong refuses.
    kong = await startFakeKongAdmin({
      validate: (type, e) => (type === 'plugin' && e.config?.model?.name === 'rejected' ? [{ field: 'config.model.name', message: 'model "rejected" is not allowed here' }] : []),
    });
    kong.load(THEIRS);
    work = workdir();
  });
  after(async () => {
    await kong.close();
    work.close();
  });

  it('GIVEN a Kong without aigate entities WHEN diffed THEN every entity is a create, the key masked, exit 1', async () => {
    const { code, io } = await run('diff', work.writeConfig(config()));
    assert.equal(code, 1, io.all);
    assert.match(io.stdout, /^\+ create keyauth_credential\/alice\/key-auth-0$/m);
    assert.match(io.stdout, /^\+key: "\*\*\*"$/m);
    assert.match(io.stdout, /Plan: 11 to create, 0 to update, 0 to delete, 0 unchanged\./);
    assert.doesNotMatch(io.stdout, /billing|prometheus/, 'entities without aigate tags are not aigate’s');
  });

  it('GIVEN the same WHEN synced THEN one POST /config in DB-less format with real keys, and Kong keeps what is not aigate’s', async () => {
    // WHEN
    const { code, io } = await run('sync', work.writeConfig(config()));
    // THEN
    assert.equal(code, 0, io.stderr);
    assert.deepEqual(io.stdout.trim().split('\n'), [
      'created consumer_group/partners',
      'created consumer/alice',
      'created keyauth_credential/alice/key-auth-0',
      'created consumer_group_consumer/partners/alice',
      'created service/chat',
      'created service/legacy',
      'created route/chat',
      'created route/legacy',
      'created plugin/route:chat/key-auth',
      'created plugin/route:chat/ai-proxy',
      'created plugin/route:legacy/ai-proxy',
      '11 created, 0 configured, 0 pruned, 0 unchanged',
    ]);
    assert.equal(kong.posts.length, 1);
    const { query, body } = kong.posts[0]!;
    assert.deepEqual(query, { check_hash: '1', flatten_errors: '1' });
    assert.equal(body._info, undefined, 'decK-only key dropped');
    assert.equal(body.consumers[0].groups, undefined, 'memberships moved out of consumers');
    assert.deepEqual(body.consumer_group_consumers, [{ consumer: 'alice', consumer_group: 'partners' }]);
    assert.equal(body.consumers[0].keyauth_credentials[0].key, CANARY, 'decK’s env substitution resolved');
    const live = kong.current();
    assert.deepEqual(live.services.map((s: { name: string }) => s.name).sort(), ['billing', 'chat', 'legacy']);
    assert.ok(live.plugins.some((p: { name: string; tags: unknown }) => p.name === 'prometheus' && p.tags === null), 'their global plugin is kept');
  });

  it('GIVEN a synced Kong WHEN diffed THEN no changes (ids, timestamps, nulls and defaults are not drift), exit 0; a second sync posts nothing', async () => {
    const file = work.writeConfig(config());
    const d = await run('diff', file);
    assert.equal(d.code, 0, d.io.all);
    assert.equal(d.io.stdout, 'No changes. 11 objects up to date.\n');
    const s = await run('sync', file);
    assert.equal(s.code, 0);
    assert.match(s.io.stdout, /^0 created, 0 configured, 0 pruned, 11 unchanged$/m);
    assert.equal(kong.posts.length, 1);
  });

  it('GIVEN a changed model option WHEN diffed THEN exactly that change, exit 1', async () => {
    const { code, io } = await run('diff', work.writeConfig(config({ temperature: 0.7 })));
    assert.equal(code, 1);
    assert.deepEqual(
      io.stdout.split('\n').filter((l) => l.startsWith('~ ')),
      ['~ update plugin/route:chat/ai-proxy', '~ update plugin/route:legacy/ai-proxy'],
    );
    assert.deepEqual(changedLines(io.stdout), ['-      temperature: 0.2', '+      temperature: 0.7', '-      temperature: 0.2', '+      temperature: 0.7']);
  });

  it('GIVEN a removed route and a rotated key WHEN synced THEN the route is pruned, the key updated (masked), theirs kept', async () => {
    // WHEN
    const file = work.writeConfig(config({ temperature: 0.7, legacy: false }));
    const rotated = { DECK_ALICE_KEY: `${CANARY}-next` };
    const d = await run('diff', file, {}, rotated);
    assert.deepEqual(changedLines(d.io.stdout).filter((l) => l.includes('key:')), ['-key: "*** (before)"', '+key: "*** (after)"']);
    const { code, io } = await run('sync', file, {}, rotated);
    // THEN
    assert.equal(code, 0, io.stderr);
    assert.deepEqual(io.stdout.trim().split('\n').filter((l) => !l.startsWith('unchanged')), [
      'configured keyauth_credential/alice/key-auth-0',
      'configured plugin/route:chat/ai-proxy',
      'pruned plugin/route:legacy/ai-proxy',
      'pruned route/legacy',
      'pruned service/legacy',
      '0 created, 2 configured, 3 pruned, 6 unchanged',
    ]);
    const live = kong.current();
    assert.deepEqual(live.services.map((s: { name: string }) => s.name).sort(), ['billing', 'chat']);
    assert.deepEqual(live.routes.map((s: { name: string }) => s.name).sort(), ['billing', 'chat']);
    assert.equal(live.keyauth_credentials[0].key, `${CANARY}-next`);
    assert.ok(!io.all.includes(`${CANARY}-next`));
  });

  it('GIVEN a config Kong refuses WHEN synced THEN Kong’s flattened errors are shown with their paths, nothing changes, exit 2', async () => {
    const before = kong.current();
    const { code, io } = await run('sync', work.writeConfig(config({ temperature: 0.7, legacy: false, model: 'rejected' })), {}, { DECK_ALICE_KEY: `${CANARY}-next` });
    assert.equal(code, 2);
    assert.match(io.stderr, /✖ could not update plugin\/route:chat\/ai-proxy: config\.model\.name: model "rejected" is not allowed here/);
    assert.deepEqual(kong.current(), before);
  });

  it('GIVEN a missing DECK_ variable WHEN diffed THEN an error names it, exit 2', async () => {
    const { code, io } = await run('diff', work.writeConfig(config()), {}, {});
    assert.equal(code, 2);
    assert.match(io.stderr, /the environment variable DECK_ALICE_KEY is not set/);
  });

  it('GIVEN Kong already runs the posted config WHEN the executor posts THEN 304 reports every object unchanged', async () => {
    // GIVEN a plan made before someone else posted the same configuration
    const dbless = toDbless((await import('yaml')).parse(await deckYaml(config({ temperature: 0.3, legacy: false }))), { DECK_ALICE_KEY: 'k-123456' }, createRedactor());
    assert.ok(dbless.ok);
    const observed = await observeKong(dbless.value, { admin: kongAdmin(kong.url), tags: ['managed-by:aigate', 'aigate-gateway:acme'] });
    const p = plan(observed.current, observed.desired, { normalise: normaliseKong });
    assert.ok(p.changes.length > 0);
    await observed.executor.execute(p, { dryRun: false, report: () => {} });
    // WHEN the same plan is executed again
    const events: string[] = [];
    const failures = await observed.executor.execute(p, { dryRun: false, report: (e) => events.push(e.outcome) });
    // THEN
    assert.deepEqual(failures, []);
    assert.ok(events.length > 0 && events.every((o) => o === 'unchanged'));
    assert.equal(kong.posts.at(-1)?.query.check_hash, '1');
  });

  it('GIVEN a Kong with a database WHEN diffed THEN the error says DB-less is needed', async () => {
    const withDb = await startFakeKongAdmin({ database: 'postgres' });
    try {
      const { code, io } = await run('diff', work.writeConfig(config()), { kongAdminUrl: withDb.url });
      assert.equal(code, 2);
      assert.match(io.stderr, /GET \/config answered 400: this endpoint is only available when Kong is configured to not use a database \(is Kong running DB-less/);
    } finally {
      await withDb.close();
    }
  });
});

async function deckYaml(cfg: unknown): Promise<string> {
  const { buildModel, emitTarget } = await import('../src/compile/index.ts');
  const { deckTarget } = await import('../targets/deck/index.ts');
  const model = buildModel(cfg);
  assert.ok(model.ok);
  const emitted = emitTarget(model.value, deckTarget);
  assert.ok(emitted.ok);
  return emitted.value[0]!.content;
}
