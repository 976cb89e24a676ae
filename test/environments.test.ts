/**
 * Environments change only what they name: the decK file compiled with `--env staging` or
 * `--env prod` differs from the base file exactly at the fields the override reaches, and nowhere
 * else (fixture valid/024-environments; its per-environment goldens sit in expected/env-<name>/).
 * @module
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { deckTarget } from '../targets/deck/index.ts';
import { compileFixture, fixtureEnvironments, fixtures } from './support/fixtures.ts';

/** Dotted paths of every leaf (or added/removed subtree) where `a` and `b` differ. */
function differences(a: unknown, b: unknown, at = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) return Object.is(a, b) ? [] : [at];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => differences(a[k], b[k], at === '' ? k : `${at}.${k}`));
}

async function deckDoc(env?: string): Promise<unknown> {
  const [f] = fixtures('valid').filter((x) => x.name === '024-environments');
  assert.ok(f, 'the environments fixture is missing');
  const c = await compileFixture(f, [deckTarget], env);
  const run = c.targets[0];
  assert.ok(run?.result.ok, `deck refused ${env ?? 'the base config'}`);
  const file = run.result.value[0];
  assert.ok(file);
  return parse(file.content);
}

describe('environments', () => {
  it('GIVEN the fixture WHEN its environments are listed THEN staging and prod', async () => {
    const [f] = fixtures('valid').filter((x) => x.name === '024-environments');
    assert.ok(f);
    assert.deepEqual(await fixtureEnvironments(f), ['staging', 'prod']);
  });

  it('GIVEN a staging override of the route limit WHEN compiled THEN only that limit differs from the base file', async () => {
    // GIVEN the base file and the staging file
    const [base, staging] = [await deckDoc(), await deckDoc('staging')];
    // THEN the route's ai-rate-limiting-advanced limit is the one difference
    assert.deepEqual(differences(base, staging), ['services.0.routes.0.plugins.3.config.llm_providers.0.limit.0']);
  });

  it('GIVEN a prod override of the model name and the limit WHEN compiled THEN only those two fields differ', async () => {
    const [base, prod] = [await deckDoc(), await deckDoc('prod')];
    assert.deepEqual(differences(base, prod), ['services.0.routes.0.plugins.1.config.model.name', 'services.0.routes.0.plugins.3.config.llm_providers.0.limit.0']);
  });
});
