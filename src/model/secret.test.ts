/** Inline secrets in JSON values: found, and digested so they never leave the process. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { digestInlineSecrets, inlineSecretValues, isInlineSecret } from './secret.ts';

const value = {
  providers: [{ auth: { kind: 'header', name: 'Authorization', value: { kind: 'inline', value: 'sk-one' } } }],
  consumers: [{ credentials: [{ key: { kind: 'env', name: 'ANN_KEY' } }, { key: { kind: 'inline', value: 'k-two' } }] }],
};
const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

describe('inline secrets', () => {
  it('GIVEN nested inline and env references THEN only the inline ones are found, in order', () => {
    assert.deepEqual(inlineSecretValues(value), ['sk-one', 'k-two']);
    assert.equal(isInlineSecret({ kind: 'inline', value: 1 }), false);
  });

  it('GIVEN a value WHEN digested THEN each inline value becomes its sha256, the rest and the input stay as they were', () => {
    const digested = digestInlineSecrets(value) as typeof value;
    assert.equal(digested.providers[0]?.auth.value.value, sha('sk-one'));
    assert.deepEqual(digested.consumers[0]?.credentials[0], { key: { kind: 'env', name: 'ANN_KEY' } });
    assert.deepEqual(digested.consumers[0]?.credentials[1], { key: { kind: 'inline', value: sha('k-two') } });
    assert.equal(value.providers[0]?.auth.value.value, 'sk-one');
    assert.ok(!JSON.stringify(digested).includes('sk-one'));
  });
});
