/** Rendering a plan: unified diffs of YAML, masked secrets, color only when asked, the redactor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskChange } from './mask.ts';
import { plan } from './plan.ts';
import { createRedactor } from './redact.ts';
import { renderPlanJson, renderPlanText } from './render.ts';

describe('renderPlanText', () => {
  it('GIVEN one changed option WHEN rendered THEN the diff shows exactly that line', () => {
    const p = plan(
      [{ kind: 'KongPlugin', name: 'p', body: { plugin: 'ai-proxy', config: { model: { options: { temperature: 0.2 } } } } }],
      [{ kind: 'KongPlugin', name: 'p', body: { plugin: 'ai-proxy', config: { model: { options: { temperature: 0.7 } } } } }],
    );
    const text = renderPlanText(p, { color: false });
    assert.equal(
      text,
      [
        '~ update KongPlugin/p',
        '--- live KongPlugin/p',
        '+++ desired KongPlugin/p',
        '@@ -1,5 +1,5 @@',
        ' config:',
        '   model:',
        '     options:',
        '-      temperature: 0.2',
        '+      temperature: 0.7',
        ' plugin: ai-proxy',
        '',
        'Plan: 0 to create, 1 to update, 0 to delete, 0 unchanged.',
        '',
      ].join('\n'),
    );
    assert.doesNotMatch(text, /\x1b\[/);
    assert.match(renderPlanText(p, { color: true }), /\x1b\[31m-      temperature: 0.2/);
  });

  it('GIVEN no changes WHEN rendered THEN one line says so', () => {
    assert.equal(renderPlanText(plan([], []), { color: false }), 'No changes. 0 objects up to date.\n');
  });
});

describe('masking', () => {
  const fields = { Secret: [['data', '*']] };
  it('GIVEN a rotated key WHEN masked THEN before and after differ but neither is readable', () => {
    const c = maskChange({ op: 'update', kind: 'Secret', name: 's', before: { data: { key: 'b2xk', same: 'eA==' } }, after: { data: { key: 'bmV3', same: 'eA==' } } }, fields);
    assert.deepEqual(c.before, { data: { key: '*** (before)', same: '***' } });
    assert.deepEqual(c.after, { data: { key: '*** (after)', same: '***' } });
  });

  it('GIVEN a created Secret WHEN rendered as JSON THEN the value is masked', () => {
    const json = renderPlanJson(plan([], [{ kind: 'Secret', name: 's', body: { data: { key: 'c2VjcmV0LXZhbHVl' } } }]), { secretFields: fields });
    assert.doesNotMatch(json, /c2VjcmV0LXZhbHVl/);
    assert.match(json, /"key": "\*\*\*"/);
  });

  it('GIVEN list items with secret keys WHEN masked THEN each item is masked', () => {
    const c = maskChange({ op: 'create', kind: 'consumer', name: 'c', after: { keys: [{ key: 'a1b2c3' }, { key: 'd4e5f6' }] } }, { consumer: [['keys', '*', 'key']] });
    assert.deepEqual(c.after, { keys: [{ key: '***' }, { key: '***' }] });
  });
});

describe('createRedactor', () => {
  it('GIVEN a registered value WHEN text holds it raw, base64 or JSON-escaped THEN each is replaced', () => {
    const r = createRedactor();
    r.add('sk-"canary"-42');
    const text = `raw sk-"canary"-42 b64 ${Buffer.from('sk-"canary"-42').toString('base64')} json ${JSON.stringify({ k: 'sk-"canary"-42' })}`;
    assert.equal(r.redact(text), 'raw *** b64 *** json {"k":"***"}');
  });
});
