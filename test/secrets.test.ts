/**
 * No secret value ever leaves aigate. Every environment variable the fixtures reference is set to
 * a canary before compiling; no model, artefact or diagnostic may then contain it. Literal keys
 * written into fixtures (fake `sk-…` values) must not show up in any diagnostic, nor in the output
 * of a target that refuses inline secrets.
 * @module
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { allDiagnostics, allFixtures, compileFixture, envNamesIn, inlineSecretsIn, modelJson } from './support/fixtures.ts';

const CANARY = `CANARY-${randomBytes(8).toString('hex')}`;
const planted = new Map<string, string | undefined>();

/** Each variable a fixture names, and the `DECK_` one decK would read for it. */
function namesToPlant(): string[] {
  const names = new Set<string>();
  for (const f of allFixtures()) {
    for (const name of envNamesIn(readFileSync(f.file, 'utf8'))) {
      names.add(name);
      names.add(name.startsWith('DECK_') ? name : `DECK_${name}`);
    }
  }
  return [...names].sort();
}

describe('secret values never reach an output', () => {
  before(() => {
    namesToPlant().forEach((name, i) => {
      planted.set(name, process.env[name]);
      process.env[name] = `${CANARY}-${i}`;
    });
  });
  after(() => {
    for (const [name, previous] of planted) {
      if (previous === undefined) delete process.env[name];
      else process.env[name] = previous;
    }
  });

  it('plants a canary for the variables the fixtures use', () => {
    assert.ok(planted.has('OPENAI_AUTH'), 'the fixtures reference OPENAI_AUTH');
    assert.ok(planted.has('DECK_COHERE_CONSUMER_KEY'), 'decK would read DECK_COHERE_CONSUMER_KEY');
  });

  for (const f of allFixtures()) {
    it(`${f.kind}/${f.name}: no canary in the model, artefacts or diagnostics`, async () => {
      // GIVEN every referenced variable holds a canary WHEN the fixture is compiled for every target
      const c = await compileFixture(f);

      // THEN the canary appears nowhere
      const texts: [string, string][] = [['diagnostics', JSON.stringify(allDiagnostics(c))]];
      if (c.model.ok) texts.push(['model.json', modelJson(c.model.value)]);
      for (const { target, result } of c.targets) {
        if (result.ok) for (const a of result.value) texts.push([`${target.id}: ${a.path}`, a.content]);
      }
      for (const [where, text] of texts) assert.ok(!text.includes(CANARY), `a secret value leaked into ${where}`);
    });
  }
});

describe('literal secrets are never echoed', () => {
  const withLiterals = allFixtures()
    .map((f) => ({ f, literals: inlineSecretsIn(readFileSync(f.file, 'utf8')) }))
    .filter((x) => x.literals.length > 0);

  it('some fixtures hold a literal key', () => {
    assert.ok(withLiterals.length >= 2, 'expected the inline-secret fixtures to hold fake sk-… keys');
  });

  for (const { f, literals } of withLiterals) {
    it(`${f.kind}/${f.name}: no literal in a diagnostic or a refusing target's output`, async () => {
      // GIVEN a config with a literal key WHEN it is loaded and compiled
      const c = await compileFixture(f);
      const diagnostics = JSON.stringify(allDiagnostics(c));

      // THEN no diagnostic quotes it
      for (const literal of literals) assert.ok(!diagnostics.includes(literal), `a diagnostic quotes ${literal}`);
      // AND no target that refuses inline secrets wrote it anywhere
      for (const { target, result } of c.targets) {
        if (target.features.has('secret:inline') || !result.ok) continue;
        for (const a of result.value) for (const literal of literals) assert.ok(!a.content.includes(literal), `${target.id} wrote ${literal} to ${a.path}`);
      }
    });
  }
});
