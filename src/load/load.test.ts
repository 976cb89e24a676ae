/** Loading configs of every supported kind from temp files, and each way loading can fail. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, DiagnosticCode, Result } from '../diagnostics/index.ts';
import { CONFIG_FILE_NAMES, findConfig, loadConfig, type LoadedConfig } from './index.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory holding `files`; returns its path. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigate-load-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function loaded(result: Result<LoadedConfig>): LoadedConfig {
  assert.ok(result.ok, `expected success, got ${JSON.stringify(!result.ok && result.diagnostics)}`);
  return result.value;
}

function failure<T>(result: Result<T>, code: DiagnosticCode): Diagnostic {
  assert.ok(!result.ok, 'expected a failure');
  assert.deepEqual(result.diagnostics.map((d) => d.code), [code]);
  return result.diagnostics[0]!;
}

const SECRET = 'sk-live-DO-NOT-PRINT';

describe('loadConfig: TypeScript and JavaScript', () => {
  it('loads a .ts config that imports a sibling module without an extension', async () => {
    // GIVEN
    const dir = project({
      'helpers.ts': `export const provider = (name: string): { kind: string } => ({ kind: name });\n`,
      'gateway.config.ts': `import { provider } from './helpers';\nconst p: { kind: string } = provider('openai');\nexport default { providers: { openai: p } };\n`,
    });
    // WHEN
    const config = loaded(await loadConfig(join(dir, 'gateway.config.ts')));
    // THEN
    assert.deepEqual(config, { value: { providers: { openai: { kind: 'openai' } } }, file: join(dir, 'gateway.config.ts'), format: 'ts' });
  });

  const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
  it('resolves `aigate` to this package, next to a sibling import', { skip: !existsSync(entry) && 'src/index.ts is not written yet' }, async () => {
    // GIVEN a config written as a user writes it
    const dir = project({
      'shared.ts': `export const name = 'from-sibling';\n`,
      'gateway.config.ts': [
        `import { defineGateway } from 'aigate';`,
        `import { name } from './shared';`,
        `export default defineGateway({ name } as any);`,
      ].join('\n'),
    });
    // WHEN
    const config = loaded(await loadConfig(join(dir, 'gateway.config.ts')));
    // THEN defineGateway ran (it is an identity function) and the sibling resolved
    assert.deepEqual(config.value, { name: 'from-sibling' });
  });

  it('loads an ES module .mjs', async () => {
    const dir = project({ 'gateway.config.mjs': `export default { name: 'mjs', dir: import.meta.dirname };\n` });
    const config = loaded(await loadConfig(join(dir, 'gateway.config.mjs')));
    assert.deepEqual(config.value, { name: 'mjs', dir });
    assert.equal(config.format, 'js');
  });

  it('loads a CommonJS .cjs that assigns module.exports and requires a sibling', async () => {
    const dir = project({
      'names.cjs': `module.exports = { name: 'cjs' };\n`,
      'gateway.config.cjs': `const { name } = require('./names.cjs');\nmodule.exports = { name };\n`,
    });
    const config = loaded(await loadConfig(join(dir, 'gateway.config.cjs')));
    assert.deepEqual(config.value, { name: 'cjs' });
  });

  it('calls a function default export, sync or async, and uses its result', async () => {
    const dir = project({
      'sync.mjs': `export default () => ({ made: 'sync' });\n`,
      'async.ts': `export default async (): Promise<object> => ({ made: await Promise.resolve('async') });\n`,
    });
    assert.deepEqual(loaded(await loadConfig(join(dir, 'sync.mjs'))).value, { made: 'sync' });
    assert.deepEqual(loaded(await loadConfig(join(dir, 'async.ts'))).value, { made: 'async' });
  });

  it('accepts a named `config` export when there is no default', async () => {
    const dir = project({
      'named.ts': `export const config = { named: true };\nexport const other = 1;\n`,
      'named.cjs': `exports.config = { named: 'cjs' };\n`,
    });
    assert.deepEqual(loaded(await loadConfig(join(dir, 'named.ts'))).value, { named: true });
    assert.deepEqual(loaded(await loadConfig(join(dir, 'named.cjs'))).value, { named: 'cjs' });
  });

  it('evaluates the file and its helpers afresh on every call', async () => {
    // GIVEN a config loaded once
    const dir = project({
      'version.ts': `export const version = 1;\n`,
      'gateway.config.mjs': `import { version } from './version';\nexport default { version, own: 1 };\n`,
    });
    const file = join(dir, 'gateway.config.mjs');
    loaded(await loadConfig(file));
    // WHEN both files change
    writeFileSync(join(dir, 'version.ts'), `export const version = 2;\n`);
    writeFileSync(file, `import { version } from './version';\nexport default { version, own: 2 };\n`);
    // THEN the next load sees both edits
    assert.deepEqual(loaded(await loadConfig(file)).value, { version: 2, own: 2 });
  });

  it('writes nothing next to the config', async () => {
    const dir = project({ 'gateway.config.ts': `export default { a: 1 as number };\n` });
    loaded(await loadConfig(join(dir, 'gateway.config.ts')));
    assert.deepEqual(readdirSync(dir), ['gateway.config.ts']);
  });
});

describe('loadConfig: JSON and YAML', () => {
  it('parses .json and drops a top-level $schema', async () => {
    const dir = project({ 'gateway.config.json': `{ "$schema": "./schema.json", "providers": { "a": { "kind": "openai" } } }\n` });
    const config = loaded(await loadConfig(join(dir, 'gateway.config.json')));
    assert.deepEqual(config.value, { providers: { a: { kind: 'openai' } } });
    assert.equal(config.format, 'json');
  });

  it('parses .yaml and drops a top-level $schema', async () => {
    const dir = project({ 'gateway.config.yaml': `$schema: ./schema.json\nproviders:\n  a:\n    kind: openai\n    nested: { $schema: kept }\n` });
    const config = loaded(await loadConfig(join(dir, 'gateway.config.yaml')));
    assert.deepEqual(config.value, { providers: { a: { kind: 'openai', nested: { $schema: 'kept' } } } });
    assert.equal(config.format, 'yaml');
  });
});

describe('loadConfig: failures are diagnostics', () => {
  it('reports a missing file as config_not_found', async () => {
    const dir = project({});
    const d = failure(await loadConfig(join(dir, 'gateway.config.ts')), 'config_not_found');
    assert.equal(d.file, join(dir, 'gateway.config.ts'));
    assert.match(d.hint ?? '', /gateway\.config\.ts/);
  });

  it('reports an unknown extension with the supported ones', async () => {
    const dir = project({ 'gateway.config.toml': `a = 1\n` });
    const d = failure(await loadConfig(join(dir, 'gateway.config.toml')), 'config_load_failed');
    assert.match(d.hint ?? '', /\.ts, .*\.yaml/);
  });

  it('reports a TypeScript syntax error with its position and without the source', async () => {
    // GIVEN a config with an inline secret and a syntax error after it
    const dir = project({ 'gateway.config.ts': `const key = "${SECRET}";\nexport default { key: ;\n` });
    // WHEN
    const d = failure(await loadConfig(join(dir, 'gateway.config.ts')), 'config_load_failed');
    // THEN
    assert.deepEqual(d.path, []);
    assert.equal(d.file, join(dir, 'gateway.config.ts'));
    assert.match(d.message, /^could not load the config: .*Unexpected token at gateway\.config\.ts:2:\d+$/);
    assert.doesNotMatch(JSON.stringify(d), new RegExp(SECRET));
  });

  it('keeps the message and cause of an error the module throws', async () => {
    const dir = project({ 'gateway.config.mjs': `throw new Error('no config', { cause: new Error('OPENAI_KEY is not set') });\n` });
    const d = failure(await loadConfig(join(dir, 'gateway.config.mjs')), 'config_load_failed');
    assert.equal(d.message, 'could not load the config: no config; caused by OPENAI_KEY is not set');
  });

  it('reports an import that does not resolve', async () => {
    const dir = project({ 'gateway.config.ts': `import { x } from './missing';\nexport default { x };\n` });
    const d = failure(await loadConfig(join(dir, 'gateway.config.ts')), 'config_load_failed');
    assert.match(d.message, /Cannot find module '\.\/missing'/);
  });

  it('reports a function export that throws', async () => {
    const dir = project({ 'gateway.config.ts': `export default async () => { throw new TypeError('no vault'); };\n` });
    const d = failure(await loadConfig(join(dir, 'gateway.config.ts')), 'config_load_failed');
    assert.equal(d.message, 'the default export function threw: TypeError: no vault');
  });

  it('reports a module that exports nothing usable as config_no_export', async () => {
    const dir = project({
      'other.ts': `export const other = 1;\n`,
      'nothing.ts': `const unused = 1;\n`,
      'empty.cjs': `const unused = 1;\n`,
      'undef.mjs': `export default () => undefined;\n`,
    });
    for (const name of ['other.ts', 'nothing.ts', 'empty.cjs', 'undef.mjs']) {
      failure(await loadConfig(join(dir, name)), 'config_no_export');
    }
  });

  it('reports bad JSON with line and column and without the source', async () => {
    const dir = project({ 'gateway.config.json': `{\n  "key": "${SECRET}",\n  "b": tru\n}\n` });
    const d = failure(await loadConfig(join(dir, 'gateway.config.json')), 'config_load_failed');
    assert.equal(d.message, String.raw`invalid JSON: Unexpected token '\n' at line 3, column 8`);
    assert.doesNotMatch(JSON.stringify(d), /DO-NOT-PRINT/);
  });

  it('reports bad YAML with line and column and without the source', async () => {
    const dir = project({ 'gateway.config.yaml': `key: ${SECRET}\nproviders: a: b\n` });
    const d = failure(await loadConfig(join(dir, 'gateway.config.yaml')), 'config_load_failed');
    assert.match(d.message, /^invalid YAML: .* at line 2, column \d+$/);
    assert.doesNotMatch(JSON.stringify(d), /DO-NOT-PRINT/);
  });

  it('reports an empty data file as config_no_export', async () => {
    const dir = project({ 'a.yaml': `# nothing yet\n`, 'b.json': `\n` });
    failure(await loadConfig(join(dir, 'a.yaml')), 'config_no_export');
    failure(await loadConfig(join(dir, 'b.json')), 'config_no_export');
  });
});

describe('findConfig', () => {
  it('prefers gateway.config.ts, then the other names in order', () => {
    const dir = project({ 'gateway.config.yaml': '', 'gateway.config.mjs': '' });
    assert.deepEqual(findConfig(dir), { ok: true, value: join(dir, 'gateway.config.mjs'), warnings: [] });
  });

  it('takes an explicit file relative to cwd, or looks inside an explicit directory', () => {
    const dir = project({ 'custom.yaml': '', 'gateway.config.json': '' });
    assert.deepEqual(findConfig('/', join(dir, 'custom.yaml')), { ok: true, value: join(dir, 'custom.yaml'), warnings: [] });
    assert.deepEqual(findConfig('/', dir), { ok: true, value: join(dir, 'gateway.config.json'), warnings: [] });
  });

  it('reports config_not_found with every name it looked for', () => {
    const dir = project({});
    const d = failure(findConfig(dir), 'config_not_found');
    for (const name of CONFIG_FILE_NAMES) assert.ok(d.hint?.includes(name), name);
    failure(findConfig(dir, 'nope.ts'), 'config_not_found');
  });
});
