/** The import-direction checker on small temp trees: what it reports, and what it leaves alone. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkImports, formatViolation, importsOf } from './check-imports.ts';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'aigate-imports-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const report = (root: string) => checkImports(root).violations.map(formatViolation);

describe('checkImports', () => {
  it('reports an import against the direction, with file, line and specifier', () => {
    // GIVEN the model reaching up into the spec
    const root = tree({
      'src/model/gateway.ts': `import type { A } from '../diagnostics/index.ts';\n\nimport { schema } from '../spec/index.ts';\n`,
      'src/spec/index.ts': `export const schema = 1;\n`,
      'src/diagnostics/index.ts': `export type A = 1;\n`,
    });
    // WHEN / THEN
    assert.deepEqual(report(root), ['src/model/gateway.ts:3: src/model must not import src/spec (../spec/index.ts)']);
  });

  it('forbids targets importing each other, and anything importing the CLI or test helpers', () => {
    const root = tree({
      'targets/deck/emit.ts': `export { x } from '../kong-ingress/emit.ts';\n`,
      'targets/kong-ingress/emit.ts': `import {\n  y,\n} from '../../src/cli/main.ts';\nexport const x = await import('../../test/helpers.ts');\n`,
      'src/load/index.ts': `import '../../fixtures/valid/setup.ts';\n`,
    });
    assert.deepEqual(report(root), [
      'src/load/index.ts:1: src/load must not import fixtures (../../fixtures/valid/setup.ts)',
      'targets/deck/emit.ts:1: targets/deck must not import targets/kong-ingress (../kong-ingress/emit.ts)',
      'targets/kong-ingress/emit.ts:3: targets/kong-ingress must not import src/cli (../../src/cli/main.ts)',
      'targets/kong-ingress/emit.ts:4: targets/kong-ingress must not import test (../../test/helpers.ts)',
    ]);
  });

  it('allows what the rules allow, and treats `aigate` as the public entry', () => {
    const root = tree({
      'src/cli/main.ts': `import { deck } from '../../targets/deck/index.ts';\nimport { load } from '../load/index.ts';\n`,
      'targets/deck/index.ts': `import type { M } from '../../src/model/index.ts';\nimport { emit } from '../../src/emit/index.ts';\n`,
      'targets/reference/index.ts': `import type { ProxyConfig } from '../../src/proxy/config.ts';\n`,
      'src/index.ts': `export { defineGateway } from './dsl/index.ts';\n`,
      'src/proxy/server.ts': `import { defineGateway } from 'aigate';\n`,
    });
    assert.deepEqual(report(root), ['src/proxy/server.ts:1: src/proxy must not import src/index.ts (aigate)']);
  });

  it('skips tests, and a folder without a rule may not import other areas', () => {
    const root = tree({
      'src/model/gateway.test.ts': `import '../../test/helpers.ts';\n`,
      'src/extra/a.ts': `import { b } from './b.ts';\nimport { m } from '../model/index.ts';\n`,
    });
    assert.deepEqual(report(root), ['src/extra/a.ts:2: src/extra has no entry in RULES, so it may not import src/model (../model/index.ts)']);
  });
});

describe('importsOf', () => {
  it('finds static, re-export, side-effect and dynamic imports, but not ones in comments', () => {
    const source = [
      `import type { A } from './a.ts';`,
      `import b, { c } from './b.ts';`,
      `export * as d from './d.ts';`,
      `import './e.ts';`,
      `/**`,
      ` * @example`,
      ` * import { defineGateway } from 'aigate';`,
      ` * const x = await import('./no.ts');`,
      ` */`,
      `// import x from './no.ts';`,
      `const f = await import('./f.ts');`,
      `export const g = 1;`,
    ].join('\n');
    assert.deepEqual(importsOf(source), [
      { specifier: './a.ts', line: 1 },
      { specifier: './b.ts', line: 2 },
      { specifier: './d.ts', line: 3 },
      { specifier: './e.ts', line: 4 },
      { specifier: './f.ts', line: 11 },
    ]);
  });
});
