/** Bedrock Converse translation and SigV4 signing, against the documented wire format (Kong ships
 * no Bedrock request/response fixtures). The signature is re-derived here from AWS's published
 * algorithm with node:crypto, so the test does not just trust aws4 to check aws4. */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildUpstreamRequest } from './request.ts';
import { translateResponse } from './response.ts';
import type { BuildUpstreamInput } from './types.ts';
import { model, provider, secrets } from './testing/kong-fixtures.ts';

const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const awsAuth = { kind: 'aws' as const, accessKeyId: { kind: 'env' as const, name: 'AKID' }, secretAccessKey: { kind: 'env' as const, name: 'SECRET' } };
const resolveSecret = secrets({ AKID: 'AKIDEXAMPLE', SECRET: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' });
const fixedNow = (): Date => new Date('2024-01-02T03:04:05.678Z');

function input(over: Partial<BuildUpstreamInput> = {}): BuildUpstreamInput {
  return {
    provider: provider('bedrock', { region: 'us-east-1', auth: awsAuth }),
    model: model(MODEL_ID, { maxTokens: 512, topP: 0.9 }),
    routeType: 'chat',
    body: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], temperature: 0.3 },
    stream: false,
    resolveSecret,
    now: fixedNow,
    ...over,
  };
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

/** SigV4 per https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html; non-S3
 * services URI-encode each path segment of the (already encoded) path once more. */
function expectedSignature(url: URL, headers: Record<string, string>, body: string, secret: string): string {
  const signed = Object.keys(headers).sort();
  const canonicalPath = url.pathname.split('/').map((s) => encodeURIComponent(s)).join('/');
  const canonical = ['POST', canonicalPath, '', ...signed.map((h) => `${h}:${headers[h]}`), '', signed.join(';'), sha256(body)].join('\n');
  const date = headers['x-amz-date'] ?? '';
  const scope = `${date.slice(0, 8)}/us-east-1/bedrock/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date.slice(0, 8)), 'us-east-1'), 'bedrock'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('OpenAI → Bedrock Converse requests', () => {
  it('maps system prompts, messages and options to the Converse body', async () => {
    // GIVEN a chat with a system prompt  WHEN translated
    const r = await buildUpstreamRequest(input());

    // THEN Converse's system, messages and inferenceConfig (config max_tokens and top_p, client temperature)
    assert.ok(r.ok);
    assert.deepEqual(JSON.parse(r.request.body), {
      anthropic_version: 'bedrock-2023-05-31',
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 512, temperature: 0.3, topP: 0.9 },
    });
  });

  it('signs with SigV4 for the bedrock service, the model id percent-encoded in the path', async () => {
    // GIVEN AWS keys and a pinned clock  WHEN the request is built
    const r = await buildUpstreamRequest(input());
    assert.ok(r.ok);
    const url = new URL(r.request.url);

    // THEN the converse URL, X-Amz-Date from the clock, and an Authorization header of SigV4's shape
    assert.equal(r.request.url, 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse');
    assert.equal(r.request.headers['x-amz-date'], '20240102T030405Z');
    const auth = r.request.headers.authorization ?? '';
    assert.match(
      auth,
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240102\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept-encoding;content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );

    // AND the signature is the one AWS's algorithm gives for exactly what will be sent
    const sent = { 'accept-encoding': 'identity', 'content-type': 'application/json', host: url.host, 'x-amz-date': '20240102T030405Z' };
    assert.equal(auth.split('Signature=')[1], expectedSignature(url, sent, r.request.body, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'));

    // AND it is stable for the same date and body
    const again = await buildUpstreamRequest(input());
    assert.ok(again.ok);
    assert.equal(again.request.headers.authorization, auth);
    assert.equal(r.request.headers['content-length'], undefined);
  });

  it('uses converse-stream when streaming', async () => {
    const r = await buildUpstreamRequest(input({ stream: true }));
    assert.ok(r.ok);
    assert.equal(new URL(r.request.url).pathname, '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream');
  });

  it('falls back to the environment\'s AWS keys when the provider has no auth, as Kong does', async () => {
    const r = await buildUpstreamRequest(
      input({ provider: provider('bedrock', { region: 'eu-west-1' }), resolveSecret: secrets({ AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 's' }) }),
    );
    assert.ok(r.ok);
    assert.match(r.request.headers.authorization ?? '', /Credential=AKENV\/20240102\/eu-west-1\/bedrock\/aws4_request/);
  });

  it('sends a Bedrock API key as a header instead of signing', async () => {
    const r = await buildUpstreamRequest(
      input({ provider: provider('bedrock', { region: 'us-east-1', auth: { kind: 'header', name: 'Authorization', value: { kind: 'inline', value: 'Bearer ABSK-key' } } }) }),
    );
    assert.ok(r.ok);
    assert.equal(r.request.headers.authorization, 'Bearer ABSK-key');
    assert.equal(r.request.headers['x-amz-date'], undefined);
  });

  it('maps tools, tool calls and tool results to toolSpec, toolUse and toolResult', async () => {
    // GIVEN an OpenAI tool round trip with two parallel calls
    const r = await buildUpstreamRequest(
      input({
        body: {
          messages: [
            { role: 'user', content: 'Sum the areas 121, 212 and 313.' },
            {
              role: 'assistant',
              content: null,
              tool_calls: [
                { id: 'tooluse_1', type: 'function', function: { name: 'sumArea', arguments: '{"areas":[121,212]}' } },
                { id: 'tooluse_2', type: 'function', function: { name: 'sumArea', arguments: '{"areas":[313]}' } },
              ],
            },
            { role: 'tool', tool_call_id: 'tooluse_1', content: '333' },
          ],
          tools: [{ type: 'function', function: { name: 'sumArea', description: 'Adds areas.', parameters: { type: 'object' } } }],
        },
      }),
    );

    // THEN every call is a toolUse, the scalar result is wrapped as {result}, and tools become toolSpecs
    assert.ok(r.ok);
    const sent = JSON.parse(r.request.body);
    assert.deepEqual(sent.messages.slice(1), [
      {
        role: 'assistant',
        content: [
          { toolUse: { toolUseId: 'tooluse_1', name: 'sumArea', input: { areas: [121, 212] } } },
          { toolUse: { toolUseId: 'tooluse_2', name: 'sumArea', input: { areas: [313] } } },
        ],
      },
      { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ json: { result: 333 } }] } }] },
    ]);
    assert.deepEqual(sent.toolConfig, { tools: [{ toolSpec: { name: 'sumArea', description: 'Adds areas.', inputSchema: { json: { type: 'object' } } } }] });
  });

  it('refuses a system prompt for models whose Converse API has none (Titan)', async () => {
    const r = await buildUpstreamRequest(input({ model: model('amazon.titan-text-express-v1') }));
    assert.deepEqual(r, { ok: false, status: 400, message: "error transforming to bedrock://llm/v1/chat: system prompts are unsupported for model 'amazon.titan-text-express-v1" });
  });
});

describe('Bedrock Converse → OpenAI responses', () => {
  const bedrock = provider('bedrock', { region: 'us-east-1' });
  const m = model(MODEL_ID);

  it('maps the message, stop reason and usage', () => {
    // GIVEN a Converse reply that hit max tokens
    const reply = JSON.stringify({
      output: { message: { role: 'assistant', content: [{ text: 'Hi!' }] } },
      stopReason: 'max_tokens',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      metrics: { latencyMs: 300 },
    });

    // WHEN translated  THEN max_tokens → "length", usage mapped, the configured model named
    assert.deepEqual(translateResponse(bedrock, m, 'chat', 200, reply), {
      status: 200,
      body: {
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!' }, finish_reason: 'length' }],
        object: 'chat.completion',
        model: MODEL_ID,
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      },
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    });
  });

  it('maps toolUse blocks to tool_calls and tool_use to "tool_calls"', () => {
    const reply = JSON.stringify({
      output: {
        message: {
          role: 'assistant',
          content: [{ text: 'Let me add those.' }, { toolUse: { toolUseId: 'tooluse_4Z', name: 'sumArea', input: { areas: [121, 212, 313] } } }],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 410, outputTokens: 115, totalTokens: 525 },
    });
    const out = translateResponse(bedrock, m, 'chat', 200, reply);
    assert.deepEqual((out.body as { choices: unknown[] }).choices[0], {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Let me add those.',
        tool_calls: [{ function: { arguments: '{"areas":[121,212,313]}', name: 'sumArea' }, id: 'tooluse_4Z', type: 'function' }],
      },
      finish_reason: 'tool_calls',
    });
  });

  it('turns a reply without output into Kong\'s 500', () => {
    const out = translateResponse(bedrock, m, 'chat', 200, '{"message":"odd"}');
    assert.deepEqual(out.body, {
      error: { message: 'transformation failed from type bedrock://llm/v1/chat: no generation candidates received from Bedrock, or max_tokens too short' },
    });
    assert.equal(out.status, 500);
  });
});
