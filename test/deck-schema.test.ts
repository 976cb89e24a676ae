/**
 * Every valid fixture's decK output is a file decK and Kong would accept: checked against decK's
 * file schema and Kong's plugin schemas (targets/deck/schema-check.ts), for the Kong version the
 * config names and, where the config can be expressed there, for 3.15 and for 3.10 as well.
 * Together the fixtures must emit every plugin whose schema is vendored.
 * @module
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { emitTarget, loadModel } from '../src/compile/index.ts';
import type { GatewayModel, KongVersion } from '../src/model/index.ts';
import { deckTarget } from '../targets/deck/index.ts';
import { checkDeck, formatProblems } from '../targets/deck/schema-check.ts';
import { fixtures } from './support/fixtures.ts';

const VERSIONS: readonly KongVersion[] = ['3.15', '3.10'];

type Emitted = { ok: true; doc: unknown } | { ok: false; codes: readonly string[]; why: string };

function deckDoc(model: GatewayModel): Emitted {
  const result = emitTarget(model, deckTarget);
  if (!result.ok) {
    const why = result.diagnostics.map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`).join('; ');
    return { ok: false, codes: result.diagnostics.map((d) => d.code), why };
  }
  const file = result.value.find((a) => a.path === 'deck.yaml');
  assert.ok(file, 'the deck target wrote no deck.yaml');
  return { ok: true, doc: parse(file.content) };
}

describe('deck output passes the decK and Kong schemas', () => {
  for (const f of fixtures('valid')) {
    describe(f.name, () => {
      for (const version of VERSIONS) {
        it(`Kong ${version}`, async (t) => {
          // GIVEN a valid fixture's model, set to this Kong version
          const loaded = await loadModel(f.file);
          assert.ok(loaded.ok, 'a valid fixture must build a model');
          const own = loaded.value.kong.version === version;
          const model: GatewayModel = { ...loaded.value, kong: { version } };

          // WHEN the deck target emits it
          const emitted = deckDoc(model);
          if (!emitted.ok) {
            // Only a version other than the config's own may refuse it, and only as a target limit.
            assert.ok(!own, `the deck target refused the config for its own Kong version: ${emitted.why}`);
            assert.deepEqual(
              [...new Set(emitted.codes)],
              ['unsupported_by_target'],
              `a version may refuse a config only as unsupported_by_target: ${emitted.why}`,
            );
            t.skip(`uses a field Kong ${version} lacks: ${emitted.why}`);
            return;
          }

          // THEN the document passes the schemas of that version
          const problems = checkDeck(emitted.doc, version);
          assert.equal(problems.length, 0, `schema problems for Kong ${version}:\n${formatProblems(problems)}`);
        });
      }
    });
  }
});

/** Plugin names in a parsed decK document, wherever decK allows plugins. */
function pluginNames(doc: any): string[] {
  const owners = [doc, ...(doc.services ?? []), ...(doc.services ?? []).flatMap((x: any) => x.routes ?? []), ...(doc.consumers ?? []), ...(doc.consumer_groups ?? [])];
  return owners.flatMap((o: any) => (o.plugins ?? []).map((p: any) => String(p.name)));
}

describe('deck output covers every vendored plugin schema', () => {
  it('GIVEN every valid fixture on Kong 3.15 WHEN emitted THEN each of the vendored plugins appears in at least one, schema-clean', async () => {
    // GIVEN the plugins Kong's vendored 3.15 schemas describe (AiProxyAdvanced.json → ai-proxy-advanced)
    const vendored = readdirSync(new URL('../schema/vendor/kong/plugins/3.15/', import.meta.url))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length).replace(/(?<=[a-z])([A-Z])/g, '-$1').toLowerCase());
    assert.equal(vendored.length, 13);
    // WHEN every valid fixture is emitted for 3.15
    const seen = new Map<string, string>();
    for (const f of fixtures('valid')) {
      const loaded = await loadModel(f.file);
      assert.ok(loaded.ok);
      const emitted = deckDoc({ ...loaded.value, kong: { version: '3.15' } });
      assert.ok(emitted.ok, `${f.name}: ${emitted.ok ? '' : emitted.why}`);
      assert.deepEqual(checkDeck(emitted.doc, '3.15'), [], f.name);
      for (const name of pluginNames(emitted.doc)) if (!seen.has(name)) seen.set(name, f.name);
    }
    // THEN none is missing
    assert.deepEqual(vendored.filter((p) => !seen.has(p)), [], `emitted so far: ${[...seen].map(([p, f]) => `${p} (${f})`).join(', ')}`);
  });
});
