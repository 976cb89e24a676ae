/** `aigate diff` and `aigate sync` for the Kubernetes targets, against the in-process API server
 * (test/support/kube-apiserver.ts), driven through the same functions the CLI calls. One cluster
 * is shared by the steps below, which run in order, as a user would run them. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { diffCommand } from '../src/cli/commands/diff.ts';
import { syncCommand, type SyncOptions } from '../src/cli/commands/sync.ts';
import { startKubeApiServer, type FakeKubeApiServer } from './support/kube-apiserver.ts';
import { capture, changedLines, workdir, writeKubeconfig, type Workdir } from './support/sync.ts';

const BIN = fileURLToPath(new URL('../bin/aigate.mjs', import.meta.url));
const CANARY = 'sk-canary-sync-k8s-7f3a9c';
const CANARY_NEXT = 'sk-canary-sync-k8s-rotated-41bd';
const TOKEN = 'kube-token';
const NS = 'ai';
const ON_AIGATE = ['app.kubernetes.io/managed-by', 'aigate.dev/gateway'];

interface ConfigParts {
  readonly temperature?: number;
  readonly legacy?: boolean;
  readonly aliceKey?: unknown;
}

function config({ temperature = 0.2, legacy = true, aliceKey = { env: 'ALICE_KEY' } }: ConfigParts = {}) {
  return {
    name: 'acme',
    providers: { cohere: { kind: 'cohere', auth: { header: 'Authorization', value: { env: 'COHERE_AUTH' } } } },
    models: { 'command-r': { provider: 'cohere', model: 'command-r-plus', options: { temperature } } },
    routes: {
      chat: { path: '/chat', model: 'command-r', auth: { keyNames: ['apikey'] } },
      ...(legacy && { legacy: { path: '/legacy', model: 'command-r' } }),
    },
    consumerGroups: { partners: {} },
    consumers: { alice: { groups: ['partners'], keys: [aliceKey] } },
  };
}

describe('aigate diff / sync against a Kubernetes API server', () => {
  let server: FakeKubeApiServer;
  let work: Workdir;
  let kubeconfig: string;
  // The canary is in the environment for every step, as a real key would be.
  const env = { ALICE_KEY: CANARY, COHERE_AUTH: `Bearer ${CANARY}-provider` };
  const opts = (extra: Partial<SyncOptions> = {}): SyncOptions => ({
    target: 'kong-ingress',
    kubeconfig,
    applySecrets: false,
    forceConflicts: false,
    prune: true,
    dryRun: false,
    format: 'text',
    ...extra,
  });
  const sync = async (file: string, extra: Partial<SyncOptions> = {}, e: Record<string, string> = env) => {
    const io = capture(e);
    const code = await syncCommand(file, opts(extra), io);
    assertNoCanary(io.all);
    return { code, io };
  };
  const diff = async (file: string, extra: Partial<SyncOptions> = {}, e: Record<string, string> = env) => {
    const io = capture(e);
    const code = await diffCommand(file, opts(extra), io);
    assertNoCanary(io.all);
    return { code, io };
  };

  before(async () => {
    server = await startKubeApiServer({ token: TOKEN });
    work = workdir();
    kubeconfig = writeKubeconfig(work.dir, server.url, TOKEN, [{ name: 'fake', namespace: NS }]);
    // Objects someone else made in the same namespace, without aigate's labels.
    server.apply({ apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name: 'hand-made', namespace: NS }, plugin: 'cors', config: { origins: ['*'] } }, { manager: 'kubectl' });
    server.apply(
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'acme-stray', namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'aigate' } }, spec: { parentRefs: [{ name: 'kong' }] } },
      { manager: 'kubectl' },
    );
  });
  after(async () => {
    await server.close();
    work.close();
  });

  it('GIVEN an empty namespace WHEN synced with --apply-secrets THEN every object is created, Secrets and consumers before plugins and routes', async () => {
    // WHEN
    const { code, io } = await sync(work.writeConfig(config()), { applySecrets: true });
    // THEN
    assert.equal(code, 0, io.stderr);
    const lines = io.stdout.trim().split('\n');
    assert.deepEqual(lines, [
      'created Secret/acme-alice-key-auth-0',
      'created KongConsumerGroup/partners',
      'created KongConsumer/acme-alice',
      'created KongPlugin/acme-chat-key-auth',
      'created KongPlugin/acme-chat-ai-proxy',
      'created KongPlugin/acme-legacy-ai-proxy',
      'created Service/acme-placeholder',
      'created HTTPRoute/acme-chat',
      'created HTTPRoute/acme-legacy',
      '9 created, 0 configured, 0 pruned, 0 unchanged',
    ]);
    const secret = server.get('Secret', 'acme-alice-key-auth-0', NS);
    assert.equal(Buffer.from(secret?.data.key, 'base64').toString(), CANARY, 'the value reached the API server');
    assert.deepEqual(secret?.metadata.labels, { 'app.kubernetes.io/managed-by': 'aigate', 'aigate.dev/gateway': 'acme', 'konghq.com/credential': 'key-auth', 'konghq.com/secret': 'true' });
    assert.deepEqual(server.get('KongPlugin', 'acme-chat-ai-proxy', NS)?.metadata.managedFields.map((m: { manager: string }) => m.manager), ['aigate']);
    // Every write was a server-side apply by aigate; nothing else was sent.
    const writes = server.requests.filter((r) => r.method !== 'GET');
    assert.ok(writes.every((r) => r.method === 'PATCH' && r.contentType?.startsWith('application/apply-patch+yaml') && r.query.fieldManager === 'aigate'));
  });

  it('GIVEN a synced namespace WHEN diffed THEN no changes and exit 0 (server defaults are not drift)', async () => {
    const { code, io } = await diff(work.writeConfig(config()), { applySecrets: true });
    assert.equal(code, 0, io.all);
    assert.equal(io.stdout, 'No changes. 9 objects up to date.\n');
  });

  it('GIVEN a synced namespace WHEN synced again THEN every object is unchanged and nothing is written', async () => {
    // GIVEN
    const versions = server.objects().map((o) => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`);
    const sent = server.requests.length;
    // WHEN
    const { code, io } = await sync(work.writeConfig(config()), { applySecrets: true });
    // THEN
    assert.equal(code, 0, io.stderr);
    assert.match(io.stdout, /^0 created, 0 configured, 0 pruned, 9 unchanged$/m);
    assert.equal(io.stdout.split('\n').filter((l) => l.startsWith('unchanged ')).length, 9);
    assert.deepEqual(server.objects().map((o) => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`), versions);
    assert.ok(server.requests.slice(sent).every((r) => r.method === 'GET' || r.query.dryRun === 'All'), 'only reads and dry runs');
  });

  it('GIVEN a changed model option WHEN diffed THEN exactly that change is shown and exit 1', async () => {
    // WHEN
    const file = work.writeConfig(config({ temperature: 0.7 }));
    const { code, io } = await diff(file);
    // THEN
    assert.equal(code, 1, io.all);
    assert.match(io.stdout, /^~ update KongPlugin\/acme-chat-ai-proxy \(namespace ai\)$/m);
    assert.match(io.stdout, /^~ update KongPlugin\/acme-legacy-ai-proxy \(namespace ai\)$/m);
    assert.deepEqual(changedLines(io.stdout), ['-      temperature: 0.2', '+      temperature: 0.7', '-      temperature: 0.2', '+      temperature: 0.7']);
    assert.match(io.stdout, /Plan: 0 to create, 2 to update, 0 to delete, 6 unchanged\./);

    // AND as JSON
    const json = await diff(file, { format: 'json' } as Partial<SyncOptions>);
    const parsed = JSON.parse(json.io.stdout) as { changes: { op: string; kind: string; name: string; after: { config: { model: { options: object } } } }[] };
    assert.deepEqual(parsed.changes.map((c) => `${c.op} ${c.kind}/${c.name}`), ['update KongPlugin/acme-chat-ai-proxy', 'update KongPlugin/acme-legacy-ai-proxy']);
    assert.deepEqual(parsed.changes[0]?.after.config.model.options, { temperature: 0.7 });
  });

  it('GIVEN a removed route WHEN synced THEN its HTTPRoute and plugin are pruned last, bottom-up, and objects without both aigate labels stay', async () => {
    // GIVEN
    const handMade = server.get('KongPlugin', 'hand-made', NS);
    const stray = server.get('HTTPRoute', 'acme-stray', NS);
    const file = work.writeConfig(config({ temperature: 0.7, legacy: false }));
    const kept = await diff(file, { applySecrets: true, prune: false });
    assert.doesNotMatch(kept.io.stdout, /^- delete/m, '--no-prune plans no deletions');
    // WHEN
    const { code, io } = await sync(file, { applySecrets: true });
    // THEN
    assert.equal(code, 0, io.stderr);
    const lines = io.stdout.trim().split('\n');
    assert.deepEqual(lines.filter((l) => !l.startsWith('unchanged')), [
      'configured KongPlugin/acme-chat-ai-proxy',
      'pruned HTTPRoute/acme-legacy',
      'pruned KongPlugin/acme-legacy-ai-proxy',
      '0 created, 1 configured, 2 pruned, 6 unchanged',
    ]);
    assert.equal(server.get('HTTPRoute', 'acme-legacy', NS), undefined);
    assert.equal(server.get('KongPlugin', 'acme-legacy-ai-proxy', NS), undefined);
    assert.deepEqual(server.get('KongPlugin', 'hand-made', NS), handMade, 'no aigate labels: untouched');
    assert.deepEqual(server.get('HTTPRoute', 'acme-stray', NS), stray, 'only one of the two labels: untouched');
    assert.deepEqual(Object.keys(handMade?.metadata.labels ?? {}).filter((k) => ON_AIGATE.includes(k)), []);
  });

  it('GIVEN another field manager took over a field WHEN diffed or synced THEN a conflict names it and nothing is forced; --force-conflicts takes it back', async () => {
    // GIVEN helm forced its own config onto aigate's plugin
    const file = work.writeConfig(config({ temperature: 0.7, legacy: false }));
    const theirs = { origins: ['https://example.com'] };
    server.apply({ apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name: 'acme-chat-ai-proxy', namespace: NS }, plugin: 'ai-proxy', config: theirs }, { manager: 'helm', force: true });
    const before = server.get('KongPlugin', 'acme-chat-ai-proxy', NS);

    // WHEN diffed
    const d = await diff(file);
    // THEN
    assert.equal(d.code, 2);
    assert.match(d.io.stderr, /could not update KongPlugin\/acme-chat-ai-proxy: conflict: field manager "helm" owns \.config .*--force-conflicts/);
    assert.doesNotMatch(d.io.stdout, /delete/, 'the refused object is not mistaken for one to prune');

    // WHEN synced without force
    const s = await sync(file);
    // THEN nothing at all was applied
    assert.equal(s.code, 2);
    assert.match(s.io.stderr, /field manager "helm" owns \.config/);
    assert.equal(s.io.stdout, '');
    assert.deepEqual(server.get('KongPlugin', 'acme-chat-ai-proxy', NS), before);

    // WHEN synced with --force-conflicts
    const forced = await sync(file, { forceConflicts: true });
    // THEN
    assert.equal(forced.code, 0, forced.io.stderr);
    assert.match(forced.io.stdout, /^configured KongPlugin\/acme-chat-ai-proxy$/m);
    const now = server.get('KongPlugin', 'acme-chat-ai-proxy', NS);
    assert.equal(now?.config.model.options.temperature, 0.7);
    assert.deepEqual(now?.metadata.managedFields.find((m: { manager: string }) => m.manager === 'helm')?.fieldsV1['f:config'], undefined, 'helm no longer owns config');
    assert.equal((await diff(file)).code, 0);
  });

  it('GIVEN a rotated key WHEN diffed THEN the Secret change shows masked; WHEN synced THEN the new value is applied and never printed', async () => {
    // GIVEN
    const file = work.writeConfig(config({ temperature: 0.7, legacy: false }));
    const rotated = { ...env, ALICE_KEY: CANARY_NEXT };
    // WHEN
    const d = await diff(file, { applySecrets: true }, rotated);
    // THEN
    assert.equal(d.code, 1);
    assert.deepEqual(changedLines(d.io.stdout), ['-  key: "*** (before)"', '+  key: "*** (after)"']);
    const s = await sync(file, { applySecrets: true }, rotated);
    assert.equal(s.code, 0, s.io.stderr);
    assert.match(s.io.stdout, /^configured Secret\/acme-alice-key-auth-0$/m);
    assert.equal(Buffer.from(server.get('Secret', 'acme-alice-key-auth-0', NS)?.data.key, 'base64').toString(), CANARY_NEXT);
  });

  it('GIVEN a server that echoes the Secret back in an error WHEN synced THEN the value is redacted from every line', async () => {
    // GIVEN
    server.setIntercept((req, body) =>
      req.method === 'PATCH' && req.path.endsWith('/secrets/acme-alice-key-auth-0') && req.query.dryRun !== 'All'
        ? { status: 422, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422, message: `Secret is invalid: ${body} (${CANARY})` } }
        : undefined,
    );
    try {
      // WHEN (the canary is the key again, so the Secret changes)
      const s = await sync(work.writeConfig(config({ temperature: 0.7, legacy: false })), { applySecrets: true });
      // THEN (sync() asserts the canary never appears)
      assert.equal(s.code, 2);
      assert.match(s.io.stderr, /could not update Secret\/acme-alice-key-auth-0: apply Secret\/acme-alice-key-auth-0: Secret is invalid: .*\*\*\*/);
    } finally {
      server.setIntercept(undefined);
    }
  });

  it('GIVEN --dry-run WHEN synced THEN the server checks every change and persists none', async () => {
    // GIVEN
    const versions = JSON.stringify(server.objects());
    // WHEN
    const { code, io } = await sync(work.writeConfig(config({ temperature: 0.9, legacy: false })), { dryRun: true, applySecrets: true });
    // THEN
    assert.equal(code, 0, io.stderr);
    assert.match(io.stdout, /^configured KongPlugin\/acme-chat-ai-proxy \(dry run\)$/m);
    assert.match(io.stdout, /^configured Secret\/acme-alice-key-auth-0 \(dry run\)$/m);
    assert.equal(JSON.stringify(server.objects()), versions);
  });

  it('GIVEN a key from AWS or a missing variable WHEN synced with --apply-secrets THEN an error names the reference and nothing is applied', async () => {
    const sent = server.requests.length;
    const aws = await sync(work.writeConfig(config({ aliceKey: { aws: { name: 'prod/alice', key: 'key' } } })), { applySecrets: true });
    assert.equal(aws.code, 2);
    assert.match(aws.io.stderr, /reads env secrets only, and Secret "acme-alice-key-auth-0" needs aws:prod\/alice#key/);
    const missing = await sync(work.writeConfig(config()), { applySecrets: true }, { COHERE_AUTH: 'x' });
    assert.equal(missing.code, 2);
    assert.match(missing.io.stderr, /the environment variable ALICE_KEY is not set/);
    assert.equal(server.requests.length, sent, 'the cluster was not contacted');
  });

  it('GIVEN the kong-operator target WHEN synced with --apply-secrets THEN the AIGateway and its credentials Secret (bare key) are applied', async () => {
    const file = work.writeConfig({
      name: 'ops',
      providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_AUTH' } } } },
      models: { gpt: { provider: 'openai', model: 'gpt-4o' } },
      routes: { chat: { path: '/chat', model: 'gpt' } },
    }, 'operator.config.json');
    const { code, io } = await sync(file, { target: 'kong-operator', applySecrets: true }, { OPENAI_AUTH: `Bearer ${CANARY}` });
    assert.equal(code, 0, io.stderr);
    assert.deepEqual(io.stdout.trim().split('\n'), ['created Secret/ops-cloud-credentials', 'created AIGateway/ops', '2 created, 0 configured, 0 pruned, 0 unchanged']);
    assert.equal(Buffer.from(server.get('Secret', 'ops-cloud-credentials', NS)?.data.openai, 'base64').toString(), CANARY);
    assert.match(io.stderr, /creates its Gateway, KongPlugins and HTTPRoutes once/, 'the target’s warning is shown');
  });

  it('GIVEN a gateway-wide policy WHEN synced THEN a cluster-scoped KongClusterPlugin is applied without a namespace, and pruned when the policy goes', async () => {
    // GIVEN
    const wide = (policies: object) => ({
      name: 'wide',
      providers: { cohere: { kind: 'cohere', auth: { header: 'Authorization', value: { env: 'COHERE_AUTH' } } } },
      models: { m: { provider: 'cohere', model: 'command-r-plus' } },
      policies,
      routes: { chat: { path: '/wide', model: 'm' } },
    });
    // WHEN
    const created = await sync(work.writeConfig(wide({ promptGuard: { deny: ['ignore previous'] } }), 'wide.config.json'));
    // THEN
    assert.equal(created.code, 0, created.io.stderr);
    assert.match(created.io.stdout, /^created KongClusterPlugin\/wide-global-ai-prompt-guard$/m);
    const plugin = server.get('KongClusterPlugin', 'wide-global-ai-prompt-guard');
    assert.equal(plugin?.metadata.namespace, undefined);
    assert.ok(server.requests.some((r) => r.method === 'PATCH' && r.path === '/apis/configuration.konghq.com/v1/kongclusterplugins/wide-global-ai-prompt-guard'));
    // WHEN the policy is removed
    const pruned = await sync(work.writeConfig(wide({}), 'wide.config.json'));
    // THEN
    assert.equal(pruned.code, 0, pruned.io.stderr);
    assert.match(pruned.io.stdout, /^pruned KongClusterPlugin\/wide-global-ai-prompt-guard$/m);
    assert.equal(server.get('KongClusterPlugin', 'wide-global-ai-prompt-guard'), undefined);
    assert.ok(server.get('HTTPRoute', 'acme-chat', NS), 'another gateway’s objects are not this one’s to prune');
  });

  it('GIVEN the command line WHEN aigate diff runs THEN it is registered, with exit 1 for changes', async () => {
    // A child process: the test runner reports through this process's stdout, which must stay untouched.
    const file = work.writeConfig(config({ temperature: 0.7, legacy: false }));
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        execFile(process.execPath, [BIN, 'diff', file, '--target', 'kong-ingress', '--kubeconfig', kubeconfig, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' } }, (e, stdout, stderr) =>
          resolve({ code: e ? (e as { code?: number }).code ?? null : 0, out: `${stdout}\n${stderr}` }),
        );
      });
    const elsewhere = await run('--namespace', 'elsewhere');
    assert.equal(elsewhere.code, 1, elsewhere.out);
    assert.match(elsewhere.out, /\+ create HTTPRoute\/acme-chat \(namespace elsewhere\)/);
    assertNoCanary(elsewhere.out);
  });
});

function assertNoCanary(text: string): void {
  for (const c of [CANARY, CANARY_NEXT]) {
    assert.ok(!text.includes(c), `the canary ${c} leaked`);
    assert.ok(!text.includes(Buffer.from(c).toString('base64')), `the canary ${c} leaked in base64`);
  }
}
