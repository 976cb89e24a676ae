/** The issue's own example: after a sync, changing a token limit and diffing shows exactly that
 * change (one KongPlugin, the limit's lines), and syncing it leaves nothing to diff. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diffCommand } from '../src/cli/commands/diff.ts';
import { syncCommand, type SyncOptions } from '../src/cli/commands/sync.ts';
import { startKubeApiServer, type FakeKubeApiServer } from './support/kube-apiserver.ts';
import { capture, changedLines, workdir, writeKubeconfig, type Workdir } from './support/sync.ts';

const TOKEN = 'kube-token';

function config(limit: number) {
  return {
    name: 'budget',
    providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_AUTH' } } } },
    models: { 'gpt-4o': { provider: 'openai' } },
    routes: { chat: { path: '/chat', model: 'gpt-4o', auth: true } },
    consumers: { alice: { keys: [{ env: 'ALICE_KEY' }], policies: { limits: [{ limit, window: 'minute', count: 'total-tokens' }] } } },
  };
}

describe('a changed limit, diffed and synced against a Kubernetes API server', () => {
  let server: FakeKubeApiServer;
  let work: Workdir;
  let kubeconfig: string;
  const env = { ALICE_KEY: 'alice-test-key', OPENAI_AUTH: 'Bearer test' };
  const opts = (extra: Partial<SyncOptions> = {}): SyncOptions => ({
    target: 'kong-ingress',
    kubeconfig,
    applySecrets: true,
    forceConflicts: false,
    prune: true,
    dryRun: false,
    format: 'text',
    ...extra,
  });
  const run = async (command: typeof syncCommand, file: string) => {
    const io = capture(env);
    const code = await command(file, opts(), io);
    return { code, io };
  };

  before(async () => {
    server = await startKubeApiServer({ token: TOKEN });
    work = workdir();
    kubeconfig = writeKubeconfig(work.dir, server.url, TOKEN, [{ name: 'fake', namespace: 'ai' }]);
  });
  after(async () => {
    await server.close();
    work.close();
  });

  it('GIVEN a synced config WHEN its token limit changes THEN diff shows exactly the limit, and a sync settles it', async () => {
    // GIVEN
    const first = await run(syncCommand, work.writeConfig(config(1000)));
    assert.equal(first.code, 0, first.io.all);
    assert.equal((await run(diffCommand, work.writeConfig(config(1000)))).code, 0);
    // WHEN
    const changed = work.writeConfig(config(2000));
    const { code, io } = await run(diffCommand, changed);
    // THEN
    assert.equal(code, 1, io.all);
    assert.deepEqual(changedLines(io.stdout), ['-        - 1000', '+        - 2000']);
    assert.match(io.stdout, /Plan: 0 to create, 1 to update, 0 to delete/);
    assert.equal((await run(syncCommand, changed)).code, 0);
    assert.equal((await run(diffCommand, changed)).code, 0);
  });
});
