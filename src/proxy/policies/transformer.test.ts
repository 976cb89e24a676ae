import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResponseTransformerPolicy } from '../../model/index.ts';
import { transformRequest, transformResponse, type CallModel, type ChatMessage } from './transformer.ts';

const policy = (p: Partial<ResponseTransformerPolicy> = {}): ResponseTransformerPolicy => ({
  prompt: 'Translate the body to French.',
  model: 'rewriter',
  timeoutMs: 1000,
  parseJsonInstructions: false,
  ...p,
});
const answering = (content: string | null): CallModel => async () => ({ ok: true, content });
const error = (status: number, message: string) => ({ ok: false, reply: { status, body: JSON.stringify({ error: { message } }) } });

describe('AI request transformer', () => {
  it('GIVEN a body THEN the model gets (system = prompt, user = raw body) and its answer is the new body', async () => {
    const seen: { model: string; messages: readonly ChatMessage[] }[] = [];
    const call: CallModel = async (model, messages) => {
      seen.push({ model, messages });
      return { ok: true, content: '{"messages":[{"role":"user","content":"bonjour"}]}' };
    };
    const out = await transformRequest(policy(), '{"messages":[{"role":"user","content":"hello"}]}', call);
    assert.deepEqual(out, { ok: true, value: '{"messages":[{"role":"user","content":"bonjour"}]}' });
    assert.deepEqual(seen, [
      {
        model: 'rewriter',
        messages: [
          { role: 'system', content: 'Translate the body to French.' },
          { role: 'user', content: '{"messages":[{"role":"user","content":"hello"}]}' },
        ],
      },
    ]);
  });

  it('GIVEN an extract pattern THEN the first match, case-insensitive and multi-line, becomes the body', async () => {
    const p = policy({ extractPattern: '^\\{.*\\}$' });
    const out = await transformRequest(p, 'x', answering('Sure! Here it is:\n{"A":1}\nEnjoy.'));
    assert.deepEqual(out, { ok: true, value: '{"A":1}' });
    const ci = await transformRequest(policy({ extractPattern: 'BODY: (\\w+)' }), 'x', answering('body: ok'));
    assert.deepEqual(ci, { ok: true, value: 'body: ok' });
  });

  it('GIVEN an answer the pattern does not match THEN 400 "AI response did not match specified regular expression"', async () => {
    const out = await transformRequest(policy({ extractPattern: '\\{.*\\}' }), 'x', answering('no json here'));
    assert.deepEqual(out, error(400, 'AI response did not match specified regular expression'));
  });

  it('GIVEN the model call fails or throws THEN 400 "failed to introspect request with AI service: …"', async () => {
    assert.deepEqual(await transformRequest(policy(), 'x', async () => ({ ok: false, error: 'connection refused' })), error(400, 'failed to introspect request with AI service: connection refused'));
    assert.deepEqual(
      await transformRequest(policy(), 'x', async () => {
        throw new Error('boom');
      }),
      error(400, 'failed to introspect request with AI service: boom'),
    );
  });

  it('GIVEN a model slower than the timeout THEN "…: timeout" and the call’s signal is aborted', async () => {
    let aborted = false;
    const slow: CallModel = (_m, _msgs, { signal }) =>
      new Promise((resolve) => {
        signal.addEventListener('abort', () => (aborted = true));
        setTimeout(() => resolve({ ok: true, content: 'late' }), 200).unref();
      });
    assert.deepEqual(await transformRequest(policy({ timeoutMs: 20 }), 'x', slow), error(400, 'failed to introspect request with AI service: timeout'));
    assert.ok(aborted);
  });

  it('GIVEN an answer without content THEN 400 "no \'choices\' in upstream AI service response"', async () => {
    assert.deepEqual(await transformRequest(policy(), 'x', answering(null)), error(400, "no 'choices' in upstream AI service response"));
  });
});

describe('AI response transformer', () => {
  const upstream = { status: 201, headers: { 'content-type': 'application/json', 'content-length': '12', 'x-upstream': 'yes' }, body: '{"a":"b"}' };

  it('GIVEN no JSON instructions THEN the upstream status and headers stay and the body is replaced', async () => {
    const out = await transformResponse(policy(), upstream, answering('{"a":"c"}'));
    assert.deepEqual(out, { ok: true, value: { status: 201, headers: { 'content-type': 'application/json', 'x-upstream': 'yes' }, body: '{"a":"c"}' } });
  });

  it('GIVEN JSON instructions THEN status, headers and body come from the answer', async () => {
    const answer = JSON.stringify({ status: 418, headers: { 'X-Teapot': 'true', 'Content-Type': 'text/plain' }, body: 'short and stout' });
    const out = await transformResponse(policy({ parseJsonInstructions: true }), upstream, answering(answer));
    assert.deepEqual(out, { ok: true, value: { status: 418, headers: { 'content-type': 'text/plain', 'x-upstream': 'yes', 'x-teapot': 'true' }, body: 'short and stout' } });
  });

  it('GIVEN instructions without status or body THEN status 200 and the whole object is the body', async () => {
    const out = await transformResponse(policy({ parseJsonInstructions: true }), upstream, answering('{"answer":42}'));
    assert.ok(out.ok);
    assert.equal(out.value.status, 200);
    assert.equal(out.value.body, '{"answer":42}');
    const tableBody = await transformResponse(policy({ parseJsonInstructions: true }), upstream, answering('{"body":{"x":1}}'));
    assert.ok(tableBody.ok && tableBody.value.body === '{"x":1}');
  });

  it('GIVEN an answer that is not JSON THEN 500 "failed to parse JSON response instructions from AI backend: …"', async () => {
    const out = await transformResponse(policy({ parseJsonInstructions: true }), upstream, answering('not json'));
    assert.ok(!out.ok);
    assert.equal(out.reply.status, 500);
    assert.match(JSON.parse(out.reply.body).error.message, /^failed to parse JSON response instructions from AI backend: /);
  });
});
