/** A config an AIGateway can carry: one valid AIGateway, its credentials Secret named and listed
 * (never filled), the controller's create-once behaviour said as a warning. */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { GatewayModel, Provider } from '../../src/model/index.ts';
import { assertNoValue } from '../../test/support/kubernetes.ts';
import { emitOk } from '../../test/support/kong-operator.ts';
import { gateway, model, openai, route } from '../../test/support/models.ts';
import { kongOperatorTarget } from './index.ts';

const CANARY = 'sk-canary-kong-operator-77d1';
const cohere: Provider = {
  kind: 'cohere',
  name: 'cohere',
  allowAuthOverride: false,
  auth: { kind: 'header', name: 'authorization', value: { kind: 'hashicorp', path: 'llm', key: 'cohere' } },
};

/** Two routes, two providers, model options and a prepended system prompt: all an AIGateway can say. */
function supported(): GatewayModel {
  const m = gateway({
    providers: [openai, cohere],
    models: [model('gpt', 'openai', 'gpt-4o', { options: { maxTokens: 512, temperature: 0.7 } }), model('command', 'cohere', 'command-r')],
    routes: [route('chat', ['gpt']), route('complete', ['command'], { type: 'completions' })],
  });
  const decorator = { prepend: [{ role: 'system' as const, content: 'Answer briefly.' }, { role: 'user' as const, content: 'Context: support desk.' }], append: [] };
  return { ...m, routes: m.routes.map((r) => (r.name === 'chat' ? { ...r, policies: { promptDecorator: decorator } } : r)) };
}

describe('kong-operator target: a supported config', () => {
  const planted = process.env.OPENAI_API_KEY;
  after(() => {
    if (planted === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = planted;
  });

  it('GIVEN openai and cohere models on their own routes WHEN emitted THEN one AIGateway that validates against the CRD', () => {
    // WHEN (emitOk checks the object against the vendored AIGateway CRD, DNS names and labels)
    const { gateway: gw } = emitOk(supported());
    // THEN
    assert.equal(gw.apiVersion, 'gateway-operator.konghq.com/v1alpha1');
    assert.equal(gw.kind, 'AIGateway');
    assert.equal(gw.metadata.name, 'acme');
    assert.deepEqual(gw.spec, {
      gatewayClassName: 'kong',
      largeLanguageModels: {
        cloudHosted: [
          {
            identifier: 'chat',
            model: 'gpt-4o',
            promptType: 'chat',
            defaultPrompts: [
              { role: 'system', content: 'Answer briefly.' },
              { role: 'user', content: 'Context: support desk.' },
            ],
            defaultPromptParams: { maxTokens: 512, temperature: '0.7' },
            aiCloudProvider: { name: 'openai' },
          },
          { identifier: 'complete', model: 'command-r', promptType: 'completions', aiCloudProvider: { name: 'cohere' } },
        ],
      },
      cloudProviderCredentials: { name: 'acme-cloud-credentials' },
    });
    // The CRD's CEL rule, which ajv cannot run: at least one model.
    assert.ok(gw.spec.largeLanguageModels.cloudHosted.length > 0);
  });

  it('GIVEN a value planted in the environment WHEN emitted THEN the file names the Secret and its keys, never a value', () => {
    // GIVEN
    process.env.OPENAI_API_KEY = CANARY;
    // WHEN
    const { text } = emitOk(supported());
    // THEN
    assertNoValue(text, CANARY);
    const header = text.split('\n').filter((l) => l.startsWith('#'));
    assert.ok(header.some((l) => l.includes('"acme-cloud-credentials"') && l.includes('is not in this file')));
    assert.ok(header.some((l) => l.includes('konghq.com/secret: "true"')));
    assert.ok(header.includes('#   cohere: from hashicorp:llm#cohere (providers.cohere.auth.value)'));
    assert.ok(header.includes('#   openai: from env:OPENAI_API_KEY (providers.openai.auth.value)'));
  });

  it('GIVEN any config WHEN emitted THEN a warning says the controller creates objects once and never updates them', () => {
    const { warnings } = emitOk(supported());
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.severity, 'warning');
    assert.equal(warnings[0]?.target, 'kong-operator');
    assert.match(warnings[0]?.message ?? '', /creates .* once and never updates them/);
    assert.match(warnings[0]?.hint ?? '', /kong-ingress/);
  });

  it('GIVEN the same model twice, once as a deep copy WHEN emitted THEN the bytes are identical', () => {
    const first = kongOperatorTarget.emit(supported());
    const second = kongOperatorTarget.emit(structuredClone(supported()));
    assert.ok(first.ok && second.ok);
    assert.equal(first.value[0]?.content, second.value[0]?.content);
    assert.ok(!first.value[0]?.content.includes('\r'));
  });

  it('GIVEN two providers of one kind with the same key WHEN emitted THEN they share the Secret key', () => {
    const second: Provider = { ...openai, name: 'openai-b' };
    const m = gateway({ providers: [openai, second], models: [model('a', 'openai'), model('b', 'openai-b')], routes: [route('a', ['a']), route('b', ['b'])] });
    const { gateway: gw } = emitOk(m);
    assert.deepEqual(gw.spec.largeLanguageModels.cloudHosted.map((c: { aiCloudProvider: object }) => c.aiCloudProvider), [{ name: 'openai' }, { name: 'openai' }]);
  });
});
