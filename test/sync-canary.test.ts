/** One canary value stands in for every credential in the environment. Whatever aigate writes on the
 * way from config to a live system (compiled manifests, diffs, sync progress, JSON output, errors
 * from an unreachable or a refusing server, the reference proxy's request logs) never holds it;
 * the servers are the only place it arrives. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diffCommand } from '../src/cli/commands/diff.ts';
import { startServe } from '../src/cli/commands/serve.ts';
import { syncCommand, type SyncOptions } from '../src/cli/commands/sync.ts';
import { emitTarget, loadModel } from '../src/compile/index.ts';
import { findTarget } from '../src/cli/targets.ts';
import { memoryLog } from '../src/proxy/testing/memory-log.ts';
import { post } from '../src/proxy/testing/client.ts';
import { startFakeKongAdmin, type FakeKongAdmin } from './support/fake-kong-admin.ts';
import { startKubeApiServer, type FakeKubeApiServer } from './support/kube-apiserver.ts';
import { capture, workdir, writeKubeconfig, type Captured, type Workdir } from './support/sync.ts';

const CANARY = 'sk-canary-everywhere-c0ffee42';
const ENV = { OPENAI_AUTH: `Bearer ${CANARY}`, ALICE_KEY: CANARY, DECK_ALICE_KEY: CANARY };
const CONFIG = {
  name: 'canary',
  providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_AUTH' } } } },
  models: { gpt: { provider: 'openai', model: 'gpt-4o' } },
  routes: { chat: { path: '/chat', model: 'gpt', auth: { keyNames: ['apikey'] } } },
  consumers: { alice: { keys: [{ env: 'ALICE_KEY' }] } },
};

describe('a canary secret in the environment', () => {
  let work: Workdir;
  let kube: FakeKubeApiServer;
  let kong: FakeKongAdmin;
  let file: string;
  let kubeconfig: string;
  const seen: string[] = [];
  const base: SyncOptions = { target: 'kong-ingress', applySecrets: true, forceConflicts: false, prune: true, dryRun: false, format: 'text' };
  const io = (): Captured => {
    const c = capture(ENV);
    const out = c.out.bind(c);
    const err = c.err.bind(c);
    c.out = (t) => {
      seen.push(t);
      out(t);
    };
    c.err = (t) => {
      seen.push(t);
      err(t);
    };
    return c;
  };

  before(async () => {
    work = workdir();
    kube = await startKubeApiServer();
    kong = await startFakeKongAdmin();
    file = work.writeConfig(CONFIG);
    kubeconfig = writeKubeconfig(work.dir, kube.url, 'kube-token', [{ name: 'fake', namespace: 'ai' }]);
  });
  after(async () => {
    await kube.close();
    await kong.close();
    work.close();
  });

  it('never appears in compiled manifests', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, ENV);
    try {
      const model = await loadModel(file);
      assert.ok(model.ok);
      for (const id of ['deck', 'kong-ingress', 'reference']) {
        const emitted = emitTarget(model.value, findTarget(id)!);
        assert.ok(emitted.ok, id);
        for (const a of emitted.value) seen.push(a.content);
      }
    } finally {
      for (const k of Object.keys(ENV)) if (saved[k] === undefined) delete process.env[k];
    }
  });

  it('never appears in diffs, sync progress or JSON output, though it reaches the servers', async () => {
    for (const format of ['text', 'json'] as const) {
      const k8s = { ...base, kubeconfig, format };
      assert.ok([0, 1].includes(await diffCommand(file, k8s, io())));
      assert.equal(await syncCommand(file, k8s, io()), 0);
      const deck = { ...base, target: 'deck', applySecrets: false, kongAdminUrl: kong.url, format };
      assert.ok([0, 1].includes(await diffCommand(file, deck, io())));
      assert.equal(await syncCommand(file, deck, io()), 0);
    }
    assert.equal(Buffer.from(kube.get('Secret', 'canary-alice-key-auth-0', 'ai')?.data.key, 'base64').toString(), CANARY);
    assert.equal(kong.current().keyauth_credentials[0].key, CANARY);
  });

  it('never appears in errors: an unreachable server, a refusing one, a dry run', async () => {
    assert.equal(await syncCommand(file, { ...base, target: 'deck', applySecrets: false, kongAdminUrl: 'http://127.0.0.1:1' }, io()), 2);
    const unreachable = writeKubeconfig(work.dir, 'http://127.0.0.1:1', 't', [{ name: 'gone' }], 'gone.yaml');
    assert.equal(await syncCommand(file, { ...base, kubeconfig: unreachable }, io()), 2);
    kube.setIntercept((req, body) => (req.method === 'PATCH' ? { status: 400, body: { kind: 'Status', code: 400, reason: 'BadRequest', message: `cannot apply ${body}` } } : undefined));
    try {
      const refused = io();
      assert.equal(await syncCommand(file, { ...base, kubeconfig, dryRun: true }, refused), 2);
      assert.match(refused.stderr, /cannot apply .*\*\*\*/);
    } finally {
      kube.setIntercept(undefined);
    }
  });

  it('never appears in the reference proxy’s logs when a consumer calls with it', async () => {
    const log = memoryLog();
    const started = await startServe(file, { port: 0, host: '127.0.0.1', mock: true, adminPort: 0, adminToken: 'admin-token' }, { log, env: ENV });
    assert.ok(started.ok);
    try {
      const r = await post(`${started.value.proxy.url}/chat`, { messages: [{ role: 'user', content: 'hi' }] }, { headers: { apikey: CANARY } });
      assert.equal(r.status, 200, r.text);
      const s = io();
      assert.equal(await syncCommand(file, { ...base, target: 'reference', applySecrets: false, adminUrl: started.value.proxy.admin!.url, adminToken: 'admin-token' }, s), 0, s.all);
    } finally {
      await started.value.close();
    }
    seen.push(...log.lines);
    assert.ok(log.lines.length > 0);
  });

  it('was looked for in everything the steps above wrote', () => {
    assert.ok(seen.length > 20);
    const all = seen.join('\n');
    assert.ok(!all.includes(CANARY), 'the canary leaked');
    assert.ok(!all.includes(Buffer.from(CANARY).toString('base64')), 'the canary leaked in base64');
  });
});
