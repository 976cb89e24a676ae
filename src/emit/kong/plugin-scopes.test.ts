/** The attachment table against the vendored plugin schemas: a plugin may be scoped to a route,
 * consumer or consumer group exactly where its schema has that foreign key. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { PLUGIN_SCOPES } from './plugin-scopes.ts';

const DIR = new URL('../../../schema/vendor/kong/plugins/3.15/', import.meta.url);
const KEYS = [
  ['route', 'route'],
  ['consumer', 'consumer'],
  ['consumer_group', 'consumer-group'],
] as const;

describe('Kong plugin scopes', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    const name = file.slice(0, -5).replace(/(?<=[a-z])([A-Z])/g, '-$1').toLowerCase();
    it(`GIVEN the 3.15 schema of ${name} WHEN compared THEN the table allows exactly its foreign keys, and global`, () => {
      const top = Object.keys(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')).properties);
      const expected = ['global', ...KEYS.filter(([key]) => top.includes(key)).map(([, scope]) => scope)];
      assert.deepEqual([...(PLUGIN_SCOPES[name] ?? [])].sort(), expected.sort());
    });
  }
});
