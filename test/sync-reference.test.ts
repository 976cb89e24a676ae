/** `aigate diff` and `aigate sync --target reference` against a running `aigate serve` (started
 * in-process as serve.ts starts it, with the mock providers): the plan compares the running
 * bundle's hash, and a sync hot-reloads the proxy so the next request sees the new config. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diffCommand } from '../src/cli/commands/diff.ts';
import { startServe, type Serving } from '../src/cli/commands/serve.ts';
import { syncCommand, type SyncOptions } from '../src/cli/commands/sync.ts';
import { post } from '../src/proxy/testing/client.ts';
import { capture, workdir, type Workdir } from './support/sync.ts';

const TOKEN = 'admin-token-for-tests';

function config({ path = '/chat', model = 'gpt-4o', deny = [] as string[] } = {}) {
  return {
    name: 'acme',
    providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_AUTH' } } } },
    models: { main: { provider: 'openai', model } },
    routes: { chat: { path, model: 'main', ...(deny.length > 0 && { policies: { promptGuard: { deny } } }) } },
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
    assert.equal(io.stdout, 'No changes. 1 object up to date.\n');
  });

  it('GIVEN a changed route path and model WHEN diffed THEN the bundle hash differs, exit 1; WHEN synced THEN the next request sees the new config', async () => {
    // GIVEN
    const file = work.writeConfig(config({ path: '/v2/chat', model: 'gpt-4o-mini' }));
    const before = serving.proxy.current().hash;
    assert.equal((await chat('/chat')).status, 200);

    // WHEN diffed
    const d = capture();
    assert.equal(await diffCommand(file, opts(), d), 1, d.all);
    assert.match(d.stdout, /^~ update ReferenceBundle\/acme$/m);
    assert.match(d.stdout, new RegExp(`^-hash: ${before}$`, 'm'));

    // WHEN synced
    const s = capture();
    assert.equal(await syncCommand(file, opts(), s), 0, s.all);
    assert.equal(s.stdout, 'configured ReferenceBundle/acme\n0 created, 1 configured, 0 pruned, 0 unchanged\n');

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
    assert.match(io.stdout, /^configured ReferenceBundle\/acme \(dry run\)$/m);
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
});
