/** The committed JSON Schema is the one the spec generates today. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { schemaText } from '../src/cli/commands/schema.ts';

test('schema/gateway.config.schema.json is fresh', () => {
  const committed = readFileSync(new URL('../schema/gateway.config.schema.json', import.meta.url), 'utf8');
  assert.equal(committed, schemaText(), 'run `npm run schema` and commit the result');
});
