/** `aigate diff` and `aigate sync --target reference` against a running `aigate serve` (started
 * in-process as serve.ts starts it, with the mock providers): the plan compares the running
 * bundle with the config's, object by object, and a sync hot-reloads the proxy so the next
 * request sees the new config. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diffCommand } from '../src/cli/commands/diff.ts';
import { startServe, type Serving } from '../src/cli/commands/serve.ts';
import { syncCommand, type SyncOptions } from '../src/cli/commands/sync.ts';
import { post } from '../src/proxy/testing/client.ts';
import { capture, workdir, type Workdir } from './support/sync.ts';

const TOKEN = 'admin-token-for-tests';

function config({ path = '/chat', model = 'gpt-4o', deny = [] as string[], oldRoute = false, inlineKey = undefined as string | undefined } = {}) {
  return {
    name: 'acme',
    ...(inlineKey !== undefined && { allowInlineSecrets: true }),
    providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: inlineKey ?? { env: 'OPENAI_AUTH' } } } },
    models: { main: { provider: 'openai', model } },
    routes: {
      chat: { path, model: 'main', ...(deny.length > 0 && { policies: { promptGuard: { deny } } }) },
      ...(oldRoute && { old: { path: '/old', model: 'main' } }),
    },
  };
}

describe('aigate diff / sync against a running reference proxy', () => {
  let work: Workdir;
  let serving: Serving;
  const opts = (extra: Partial<SyncOptions> = {}): SyncOptions => ({
    target: 'reference',
    adminUrl: serving.proxy.admin!.url,
    adminToken: TOKEN,
    applySecrets: false,
    forceConflicts: false,
    prune: true,
    dryRun: false,
    format: 'text',
    ...extra,
  });
  const chat = (path: string) => post(`${serving.proxy.url}${path}`, { messages: [{ role: 'user', content: 'hello' }] });

  before(async () => {
    work = workdir();
    const started = await startServe(work.writeConfig(config(), 'serving.config.json'), { port: 0, host: '127.0.0.1', mock: true, adminPort: 0, adminToken: TOKEN }, { log: false });
    assert.ok(started.ok);
    serving = started.value;
  });
  after(async () => {
    await serving.close();
    work.close();
  });

  it('GIVEN the config the proxy runs WHEN diffed THEN no changes, exit 0', async () => {
    const io = capture();
    assert.equal(await diffCommand(work.writeConfig(config()), opts(), io), 0, io.all);
    // Gateway, Provider/openai, Model/main, Route/chat.
    assert.equal(io.stdout, 'No changes. 4 objects up to date.\n');
  });

  it('GIVEN a changed route path and model WHEN diffed THEN the model and the route show as updates, field by field, exit 1; WHEN synced THEN the next request sees the new config', async () => {
    // GIVEN
    const file = work.writeConfig(config({ path: '/v2/chat', model: 'gpt-4o-mini' }));
    const before = serving.proxy.current().hash;
    assert.equal((await chat('/chat')).status, 200);

    // WHEN diffed
    const d = capture();
    assert.equal(await diffCommand(file, opts(), d), 1, d.all);
    assert.match(d.stdout, /^~ update Model\/main\n--- live Model\/main\n\+\+\+ desired Model\/main\n/m);
    assert.match(d.stdout, /^-model: gpt-4o\n\+model: gpt-4o-mini$/m);
    assert.match(d.stdout, /^~ update Route\/chat$/m);
    assert.match(d.stdout, /^- {2}- \/chat\n\+ {2}- \/v2\/chat$/m);
    assert.match(d.stdout, /^Plan: 0 to create, 2 to update, 0 to delete, 2 unchanged\.$/m);

    // WHEN synced
    const s = capture();
    assert.equal(await syncCommand(file, opts(), s), 0, s.all);
    assert.equal(s.stdout, 'unchanged Gateway/acme\nunchanged Provider/openai\nconfigured Model/main\nconfigured Route/chat\n0 created, 2 configured, 0 pruned, 2 unchanged\n');

    // THEN the proxy runs the new bundle, without a restart
    assert.notEqual(serving.proxy.current().hash, before);
    const moved = await chat('/v2/chat');
    assert.equal(moved.status, 200, moved.text);
    assert.equal((serving.mocks?.received.at(-1)?.body as { model?: string } | undefined)?.model, 'gpt-4o-mini');
    assert.equal((await chat('/chat')).status, 404);

    // AND a diff is clean again
    assert.equal(await diffCommand(file, opts(), capture()), 0);
  });

  it('GIVEN --dry-run WHEN synced THEN nothing is posted', async () => {
    const before = serving.proxy.current().hash;
    const io = capture();
    assert.equal(await syncCommand(work.writeConfig(config({ path: '/v3/chat' })), opts({ dryRun: true }), io), 0, io.all);
    assert.match(io.stdout, /^configured Route\/chat \(dry run\)$/m);
    assert.equal(serving.proxy.current().hash, before);
  });

  it('GIVEN a wrong admin token WHEN diffed THEN exit 2 with what to do, and the token is never printed', async () => {
    const io = capture();
    assert.equal(await diffCommand(work.writeConfig(config()), opts({ adminToken: 'not-the-token' }), io), 2);
    assert.match(io.stderr, /answered 401 \(the admin token was not accepted/);
    assert.ok(!io.all.includes('not-the-token'));
  });
  it('GIVEN a new prompt guard WHEN synced THEN the very next request is judged by it', async () => {
    // GIVEN the proxy lets "hello" through
    const file = work.writeConfig(config({ path: '/v2/chat', model: 'gpt-4o-mini', deny: ['hello'] }));
    const seen = serving.mocks?.received.length ?? 0;
    // WHEN the guard is synced
    const s = capture();
    assert.equal(await syncCommand(file, opts(), s), 0, s.all);
    // THEN the next request is refused with Kong's guard answer and never reaches a provider
    const refused = await chat('/v2/chat');
    assert.equal(refused.status, 400, refused.text);
    assert.deepEqual(JSON.parse(refused.text), { error: { message: 'bad request' } });
    assert.equal(serving.mocks?.received.length ?? 0, seen);
  });

  it('GIVEN a route the config no longer has WHEN diffed without --prune THEN it shows as deleted anyway, since a sync replaces the whole bundle; WHEN synced THEN it is gone', async () => {
    // GIVEN the proxy runs a second route
    assert.equal(await syncCommand(work.writeConfig(config({ oldRoute: true })), opts(), capture()), 0);
    assert.equal((await chat('/old')).status, 200);

    // WHEN diffed and synced without it, --prune off
    const file = work.writeConfig(config());
    const d = capture();
    assert.equal(await diffCommand(file, opts({ prune: false }), d), 1, d.all);
    assert.match(d.stdout, /^- delete Route\/old$/m);
    assert.match(d.stderr, /--no-prune does not apply to the reference target/);
    const s = capture();
    assert.equal(await syncCommand(file, opts({ prune: false }), s), 0, s.all);
    assert.match(s.stdout, /^pruned Route\/old$/m);

    // THEN
    assert.equal((await chat('/old')).status, 404);
  });

  it('GIVEN an inline provider key (allowInlineSecrets) WHEN it changes THEN the diff shows *** (before) / *** (after), and neither the diff nor the admin API shows a value', async () => {
    const OLD = 'sk-inline-old-4f1c9a';
    const NEW = 'sk-inline-new-7d2e0b';
    assert.equal(await syncCommand(work.writeConfig(config({ inlineKey: OLD })), opts(), capture()), 0);
    // The admin API serves the running bundle with the inline value as its digest only.
    const served = await (await fetch(`${serving.proxy.admin!.url}/config`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    assert.ok(!served.includes(OLD) && /"value":"sha256:[0-9a-f]{64}"/.test(served), served);

    const d = capture();
    assert.equal(await diffCommand(work.writeConfig(config({ inlineKey: NEW })), opts(), d), 1, d.all);
    assert.match(d.stdout, /^~ update Provider\/openai$/m);
    assert.match(d.stdout, /^-\s+value: "\*\*\* \(before\)"\n\+\s+value: "\*\*\* \(after\)"$/m);
    const json = capture();
    await diffCommand(work.writeConfig(config({ inlineKey: NEW })), opts({ format: 'json' }), json);
    for (const out of [d.all, json.all]) {
      assert.ok(!out.includes(OLD) && !out.includes(NEW), out);
      assert.ok(!out.includes('4f1c9a') && !out.includes('7d2e0b'));
    }
  });
});
