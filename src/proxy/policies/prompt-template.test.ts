import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PromptTemplatesPolicy } from '../../model/index.ts';
import { applyPromptTemplate, templateReference } from './prompt-template.ts';

const policy = (p: Partial<PromptTemplatesPolicy> = {}): PromptTemplatesPolicy => ({
  templates: [
    { name: 'explain', template: '{"messages":[{"role":"user","content":"Explain {{thing}} to a {{level}}, {{thing}} first"}]}' },
    { name: 'complete', template: '{"prompt":"Say {{word}}"}' },
  ],
  allowUntemplated: true,
  logOriginalRequest: false,
  ...p,
});
const error = (message: string) => ({ ok: false, reply: { status: 400, body: JSON.stringify({ error: { message } }) } });

describe('prompt templates: rendering', () => {
  it('GIVEN a chat reference and properties THEN every occurrence is replaced and the template becomes the body', () => {
    const out = applyPromptTemplate(policy(), { model: 'gpt-4o', stream: true, messages: '{template://explain}', properties: { thing: 'gravity', level: 'child' } });
    assert.deepEqual(out, { ok: true, value: '{"messages":[{"role":"user","content":"Explain gravity to a child, gravity first"}]}' });
  });

  it('GIVEN a completions reference THEN the prompt template renders', () => {
    assert.deepEqual(applyPromptTemplate(policy(), { prompt: '{template://complete}', properties: { word: 'hi' } }), { ok: true, value: '{"prompt":"Say hi"}' });
  });

  it('GIVEN a value with quotes, backslashes and newlines THEN it is JSON-escaped without its quotes (no injection)', () => {
    const out = applyPromptTemplate(policy(), { prompt: '{template://complete}', properties: { word: 'a"}, "x": "\\\n' } });
    assert.ok(out.ok && out.value !== undefined);
    assert.deepEqual(JSON.parse(out.value), { prompt: 'Say a"}, "x": "\\\n' });
  });

  it('GIVEN missing properties THEN each is listed once, in order of appearance', () => {
    assert.deepEqual(applyPromptTemplate(policy(), { messages: '{template://explain}' }), error('missing template parameters: [thing], [level]'));
    assert.deepEqual(applyPromptTemplate(policy(), { messages: '{template://explain}', properties: { level: 'x' } }), error('missing template parameters: [thing]'));
  });

  it('GIVEN a placeholder with spaces THEN it is not a placeholder and stays as text', () => {
    const p = policy({ templates: [{ name: 't', template: '{"prompt":"{{ x }} {{y}}"}' }] });
    assert.deepEqual(applyPromptTemplate(p, { prompt: '{template://t}', properties: { x: '1', y: '2' } }), { ok: true, value: '{"prompt":"{{ x }} 2"}' });
  });

  it('GIVEN non-string property values THEN Kong’s message with the Lua type name', () => {
    const ref = { prompt: '{template://complete}' };
    assert.deepEqual(applyPromptTemplate(policy(), { ...ref, properties: { word: 1 } }), error('property values must be a string, got number'));
    assert.deepEqual(applyPromptTemplate(policy(), { ...ref, properties: { word: true } }), error('property values must be a string, got boolean'));
    assert.deepEqual(applyPromptTemplate(policy(), { ...ref, properties: { word: {} } }), error('property values must be a string, got table'));
    assert.deepEqual(applyPromptTemplate(policy(), { ...ref, properties: { word: null } }), error('property values must be a string, got userdata'));
  });

  it('GIVEN properties that are not an object THEN "properties must be an object"', () => {
    const ref = { prompt: '{template://complete}' };
    assert.deepEqual(applyPromptTemplate(policy(), { ...ref, properties: 'x' }), error('properties must be an object'));
    assert.deepEqual(applyPromptTemplate(policy(), { ...ref, properties: ['x'] }), error('properties must be an object'));
    assert.deepEqual(applyPromptTemplate(policy(), { ...ref, properties: null }), error('properties must be an object'));
  });
});

describe('prompt templates: requests that are not references', () => {
  it('parses only {template://NAME}', () => {
    assert.equal(templateReference('{template://a-b}'), 'a-b');
    assert.equal(templateReference('template://a}'), undefined);
    assert.equal(templateReference([{ role: 'user', content: 'x' }]), undefined);
  });

  it('GIVEN an ordinary chat body and allowUntemplated THEN it passes untouched', () => {
    assert.deepEqual(applyPromptTemplate(policy(), { messages: [{ role: 'user', content: 'hi' }] }), { ok: true, value: undefined });
  });

  it('GIVEN an ordinary body and allowUntemplated false THEN "this LLM route only supports templated requests"', () => {
    assert.deepEqual(applyPromptTemplate(policy({ allowUntemplated: false }), { messages: [] }), error('this LLM route only supports templated requests'));
  });

  it('GIVEN an unknown template THEN "could not find template name [NAME]"', () => {
    assert.deepEqual(applyPromptTemplate(policy(), { messages: '{template://nope}' }), error('could not find template name [nope]'));
  });

  it('GIVEN both messages and prompt, or neither THEN Kong’s two format messages', () => {
    assert.deepEqual(applyPromptTemplate(policy(), { messages: [], prompt: 'x' }), error("cannot run 'messages' and 'prompt' templates at the same time"));
    // cjson decodes null to a truthy value, so a null prompt still counts as present.
    assert.deepEqual(applyPromptTemplate(policy(), { messages: [], prompt: null }), error("cannot run 'messages' and 'prompt' templates at the same time"));
    assert.deepEqual(applyPromptTemplate(policy(), { input: 'x' }), error("only 'llm/v1/chat' and 'llm/v1/completions' formats are supported for templating"));
  });

  it('GIVEN a body that is not JSON THEN 400 "this LLM route only supports application/json requests"', () => {
    assert.deepEqual(applyPromptTemplate(policy(), undefined), error('this LLM route only supports application/json requests'));
  });
});
