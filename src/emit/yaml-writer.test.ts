import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { writeYaml } from './yaml-writer.ts';

const TRICKY = [
  '', ' x', 'x ', 'a: b', 'a #b', 'yes', 'No', 'ON', 'y', '~', 'null', '1.0', '2023-06-01', '0777', '0x1F', '1e3', '12:30', '-x', '- x',
  '? x', '#x', '@x', '`x', '!x', '&x', '*x', '|x', '>x', '%x', "'x", '"x', '{x}', '[x]', 'x:', 'multi\nline', 'tab\tx', 'it\'s "q"',
  '${{ env "DECK_X" }}', '00000000-0000-0000-0000-000000000001', '.inf', '+1', '1_000', 'ünï', '请用中文回答：翻译。', 'a,b', 'x: {y}', '~/v[0-9]+$',
];

describe('writeYaml', () => {
  it('GIVEN strings any YAML reader could mistake WHEN written THEN YAML 1.1 and 1.2 readers get them back', () => {
    for (const s of TRICKY) {
      const text = writeYaml({ [s || 'k']: s, list: [s] });
      for (const version of ['1.1', '1.2'] as const) {
        assert.deepEqual(parse(text, { version }), { [s || 'k']: s, list: [s] }, `${JSON.stringify(s)} as YAML ${version}:\n${text}`);
      }
    }
  });

  it('GIVEN a decK env template WHEN written THEN it stays unquoted, as decK substitutes the raw text', () => {
    assert.equal(writeYaml({ key: '${{ env "DECK_ALICE" }}' }), 'key: ${{ env "DECK_ALICE" }}\n');
  });

  it('GIVEN every golden document WHEN rewritten THEN the bytes equal what the yaml package writes', () => {
    const root = new URL('../../fixtures/valid/', import.meta.url);
    let documents = 0;
    for (const dir of readdirSync(root)) {
      for (const file of ['deck.yaml', 'kong-ingress.yaml', 'kong-operator.yaml']) {
        const path = new URL(`${dir}/expected/${file}`, root);
        if (!existsSync(path)) continue;
        for (const doc of parseAllDocuments(readFileSync(path, 'utf8'), { version: '1.1' })) {
          const data = doc.toJS();
          const expected = stringify(data, { version: '1.1', indent: 2, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
          assert.equal(writeYaml(data), expected, `${dir}/${file}`);
          documents++;
        }
      }
    }
    assert.ok(documents > 50, `only ${documents} documents checked`);
  });
});
