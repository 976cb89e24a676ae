/** `aigate conformance --gateway <url>` end to end, with the reference proxy standing in for the
 * Kong a user would run: the URL gateway merges the cases into one config, writes it (here in the
 * reference target's format instead of decK's) with the keys' env file, and the "user" loads both;
 * then every case runs under its own path prefix against that one loaded config. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../../src/cli/commands/conformance.ts';
import { findTarget } from '../../src/cli/targets.ts';
import { emitTarget } from '../../src/compile/index.ts';
import { buildModel } from '../../src/compile/index.ts';
import { toBundle } from '../../src/model/index.ts';
import { loadBundle, startProxy } from '../../src/proxy/index.ts';
import { loadCases } from '../../src/testing/conformance/load-cases.ts';
import { runConformanceCases } from '../../src/testing/conformance/run-conformance.ts';
import { urlGateway } from '../../src/testing/gateways/url.ts';
import { describeFailures } from '../../src/testing/index.ts';
import { CASES_DIR } from './suite.ts';

const dir = mkdtempSync(join(tmpdir(), 'aigate-url-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CASES = ['provider-anthropic-chat', 'key-auth-valid-key', 'key-auth-missing-key', 'fallback-on-429', 'guard-deny-blocks', 'limit-requests-per-consumer', 'stream-cut-midway-is-not-clean'];

describe('conformance against a gateway at a URL', () => {
  it('merges the cases into one config, waits for it to be loaded, and runs each case under its prefix', async () => {
    // GIVEN a gateway already running (with some unrelated config) at a URL
    const placeholder = buildModel({ name: 'empty', providers: { p: { kind: 'openai' } }, models: { m: { provider: 'p' } }, routes: { r: { path: '/unrelated', model: 'm' } } });
    assert.ok(placeholder.ok);
    const env: Record<string, string> = {};
    const started = await startProxy({ bundle: toBundle(placeholder.value), admin: false, log: false, mock: true, env, shutdownGraceMs: 100 });
    assert.ok(started.ok);
    const proxy = started.value;
    const reference = findTarget('reference')!;
    const out = join(dir, 'conformance.json');
    let said = '';
    const loaded = await loadCases(CASES_DIR);
    assert.ok(loaded.ok);
    try {
      // WHEN the suite runs against its URL, and the "user" loads what it wrote
      const run = await runConformanceCases({
        cases: loaded.value.filter((c) => CASES.includes(c.name)),
        root: PACKAGE_ROOT,
        gateway: urlGateway({
          url: proxy.url,
          features: reference.features,
          compile: (m) => emitTarget(m, reference),
          deckOut: out,
          say: (t) => void (said += t),
          waitForUser: async () => {
            for (const line of readFileSync(`${out}.env`, 'utf8').trim().split('\n')) {
              const [k, v] = line.split('=');
              env[k!] = v!;
            }
            const bundle = loadBundle(readFileSync(out, 'utf8'));
            assert.ok(bundle.ok);
            const reloaded = proxy.reload(bundle.value);
            assert.ok(reloaded.ok, reloaded.ok ? '' : reloaded.diagnostics.map((d) => d.message).join('\n'));
          },
        }),
      });

      // THEN it said which files to load
      assert.match(said, new RegExp(`Load ${out.replace(/[.\\/]/g, '\\$&')}`));
      // AND every case passed through the one merged config
      assert.deepEqual(
        run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.reason ?? describeFailures(r.failures).join('; ')}`),
        [],
      );
      assert.equal(run.results.length, CASES.length);
    } finally {
      await proxy.close();
    }
  });
});
