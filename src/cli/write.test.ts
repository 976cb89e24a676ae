/** writeAtomically: a set of outputs is replaced whole or not at all. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeAtomically } from './write.ts';

const root = mkdtempSync(join(tmpdir(), 'aigate-write-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  return dir;
};

describe('writeAtomically', () => {
  it('GIVEN old outputs WHEN every file is written THEN all hold the new content and nothing else is left', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'a.yaml'), 'old a');
    writeAtomically([
      { file: join(dir, 'a.yaml'), content: 'new a' },
      { file: join(dir, 'sub/b.yaml'), content: 'new b' },
    ]);
    assert.equal(readFileSync(join(dir, 'a.yaml'), 'utf8'), 'new a');
    assert.equal(readFileSync(join(dir, 'sub/b.yaml'), 'utf8'), 'new b');
    assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'sub']);
  });

  it('GIVEN the third file cannot be replaced WHEN written THEN the file that existed keeps its old content, the new one is removed, and no temp or backup is left', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'a.yaml'), 'old a');
    // A directory where a file should go: its temp file is written, but the rename over it fails.
    mkdirSync(join(dir, 'c.yaml'));
    writeFileSync(join(dir, 'c.yaml', 'keep'), 'x');
    assert.throws(() =>
      writeAtomically([
        { file: join(dir, 'a.yaml'), content: 'new a' },
        { file: join(dir, 'b.yaml'), content: 'new b' },
        { file: join(dir, 'c.yaml'), content: 'new c' },
      ]),
    );
    assert.equal(readFileSync(join(dir, 'a.yaml'), 'utf8'), 'old a');
    assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'c.yaml']);
    assert.deepEqual(readdirSync(join(dir, 'c.yaml')), ['keep']);
  });
});
