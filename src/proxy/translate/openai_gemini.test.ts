/** Gemini translation against the documented generateContent wire format (Kong ships no Gemini
 * request/response fixtures). https://ai.google.dev/api/generate-content */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUpstreamRequest } from './request.ts';
import { translateResponse } from './response.ts';
import { model, provider, secrets } from './testing/kong-fixtures.ts';

const apiKey = { kind: 'param' as const, name: 'key', location: 'query' as const, value: { kind: 'env' as const, name: 'GEMINI_KEY' } };
const resolveSecret = secrets({ GEMINI_KEY: 'AIza-test' });

describe('OpenAI → Gemini requests', () => {
  it('maps system, history, a multimodal turn and options to generateContent', async () => {
    // GIVEN a chat with a system prompt, history, an inline image and a stop string
    const body = {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'gs://bucket/cat.jpg' } },
          ],
        },
      ],
      temperature: 0.2,
      stop: 'END',
    };

    // WHEN translated for a model with max_tokens and top_k configured, key in the query
    const r = await buildUpstreamRequest({
      provider: provider('gemini', { auth: apiKey }),
      model: model('gemini-1.5-flash', { maxTokens: 1024, topK: 40 }),
      routeType: 'chat',
      body,
      stream: false,
      resolveSecret,
    });

    // THEN Gemini's contents, systemInstruction and generationConfig, at generateContent with ?key=
    assert.ok(r.ok);
    assert.equal(r.request.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent?key=AIza-test');
    assert.equal(r.request.headers['accept-encoding'], 'identity');
    assert.deepEqual(JSON.parse(r.request.body), {
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        {
          role: 'user',
          parts: [
            { text: 'What is this?' },
            { inlineData: { data: 'iVBORw0KGgo=', mimeType: 'image/png' } },
            { fileData: { fileUri: 'gs://bucket/cat.jpg', mimeType: 'image/generic' } },
          ],
        },
      ],
      systemInstruction: { parts: [{ text: 'You are terse.' }] },
      generationConfig: { maxOutputTokens: 1024, stopSequences: ['END'], temperature: 0.2, topK: 40 },
    });
  });

  it('streams with streamGenerateContent and sends the key as a header when configured so', async () => {
    // GIVEN header auth  WHEN a stream is requested  THEN the streaming method, the header, no body `stream`
    const r = await buildUpstreamRequest({
      provider: provider('gemini', { auth: { kind: 'header', name: 'x-goog-api-key', value: { kind: 'env', name: 'GEMINI_KEY' } } }),
      model: model('gemini-1.5-flash'),
      routeType: 'chat',
      body: { messages: [{ role: 'user', content: 'Hi' }] },
      stream: true,
      resolveSecret,
    });
    assert.ok(r.ok);
    assert.equal(r.request.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:streamGenerateContent');
    assert.equal(r.request.headers['x-goog-api-key'], 'AIza-test');
    assert.equal(JSON.parse(r.request.body).stream, undefined);
  });

  it('calls Vertex AI with a service-account bearer token', async () => {
    // GIVEN a Vertex provider with GCP service-account auth and an injected token source
    const r = await buildUpstreamRequest({
      provider: provider('gemini', {
        auth: { kind: 'gcp-service-account' },
        vertex: { apiEndpoint: 'us-central1-aiplatform.googleapis.com', projectId: 'acme', locationId: 'us-central1' },
      }),
      model: model('gemini-1.5-pro'),
      routeType: 'chat',
      body: { messages: [{ role: 'user', content: 'Hi' }] },
      stream: false,
      resolveSecret,
      gcpToken: () => Promise.resolve('ya29.token'),
    });

    // THEN the Vertex URL and `Authorization: Bearer`
    assert.ok(r.ok);
    assert.equal(r.request.url, 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme/locations/us-central1/publishers/google/models/gemini-1.5-pro:generateContent');
    assert.equal(r.request.headers.authorization, 'Bearer ya29.token');
  });

  it('fails before proxying when no token source is given for a service account', async () => {
    const r = await buildUpstreamRequest({
      provider: provider('gemini', { auth: { kind: 'gcp-service-account' } }),
      model: model('gemini-1.5-pro'),
      routeType: 'chat',
      body: { messages: [{ role: 'user', content: 'Hi' }] },
      stream: false,
      resolveSecret,
    });
    assert.deepEqual(r, { ok: false, status: 500, message: 'LLM request failed before proxying' });
  });

  it('maps a tool call and its result to functionCall and functionResponse turns', async () => {
    // GIVEN an OpenAI tool round trip
    const r = await buildUpstreamRequest({
      provider: provider('gemini', { auth: apiKey }),
      model: model('gemini-1.5-pro'),
      routeType: 'chat',
      body: {
        messages: [
          { role: 'user', content: 'Is the NewPhone in stock?' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'check_stock', arguments: '{"product_name":"NewPhone"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: '{"in_stock":true}' },
        ],
        tools: [{ type: 'function', function: { name: 'check_stock', description: 'Check stock.', parameters: { type: 'object', properties: { product_name: { type: 'string' } } } } }],
      },
      stream: false,
      resolveSecret,
    });

    // THEN the model turn calls the function with parsed args and the user turn answers it by name
    assert.ok(r.ok);
    const sent = JSON.parse(r.request.body);
    assert.deepEqual(sent.contents.slice(1), [
      { role: 'model', parts: [{ functionCall: { name: 'check_stock', args: { product_name: 'NewPhone' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'check_stock', response: { content: '{"in_stock":true}' } } }] },
    ]);
    assert.deepEqual(sent.tools, [
      { function_declarations: [{ name: 'check_stock', description: 'Check stock.', parameters: { type: 'object', properties: { product_name: { type: 'string' } } } }] },
    ]);
  });

  it('refuses a system prompt on gemini-1.0 models, as Kong does', async () => {
    const r = await buildUpstreamRequest({
      provider: provider('gemini', { auth: apiKey }),
      model: model('gemini-1.0-pro'),
      routeType: 'chat',
      body: { messages: [{ role: 'system', content: 'Be nice.' }, { role: 'user', content: 'Hi' }] },
      stream: false,
      resolveSecret,
    });
    assert.deepEqual(r, { ok: false, status: 400, message: "error transforming to gemini://llm/v1/chat: system prompts aren't supported on gemini-1.0 models" });
  });

  it('has no completions route', async () => {
    const r = await buildUpstreamRequest({
      provider: provider('gemini', { auth: apiKey }),
      model: model('gemini-1.5-pro'),
      routeType: 'completions',
      body: { prompt: 'Hi' },
      stream: false,
      resolveSecret,
    });
    assert.deepEqual(r, { ok: false, status: 400, message: 'no transformer for gemini://llm/v1/completions' });
  });
});

describe('Gemini → OpenAI responses', () => {
  const gemini = provider('gemini');
  const m = model('gemini-1.5-flash');

  it('maps the first candidate, a lower-cased finish reason and usageMetadata', () => {
    // GIVEN a generateContent reply
    const reply = JSON.stringify({
      candidates: [
        {
          content: { parts: [{ text: 'Hello there' }], role: 'model' },
          finishReason: 'MAX_TOKENS',
          index: 0,
          safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' }],
        },
      ],
      usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 },
      modelVersion: 'gemini-1.5-flash-002',
    });

    // WHEN translated
    const out = translateResponse(gemini, m, 'chat', 200, reply);

    // THEN OpenAI's shape; Kong lower-cases Gemini's reason rather than mapping MAX_TOKENS to "length"
    assert.deepEqual(out, {
      status: 200,
      body: {
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there' }, finish_reason: 'max_tokens' }],
        model: 'gemini-1.5-flash',
        object: 'chat.completion',
        usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      },
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    });
  });

  it('maps function calls to tool_calls', () => {
    const reply = JSON.stringify({
      candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'sql_execute', args: { product_name: 'NewPhone' } } }] }, finishReason: 'STOP' }],
    });
    const out = translateResponse(gemini, m, 'chat', 200, reply);
    assert.deepEqual(out.body, {
      choices: [
        { index: 0, message: { role: 'assistant', tool_calls: [{ function: { name: 'sql_execute', arguments: '{"product_name":"NewPhone"}' }, type: 'function' }] } },
      ],
      model: 'gemini-1.5-flash',
    });
  });

  it('turns a reply without candidates (a blocked prompt) into Kong\'s 500', () => {
    const reply = JSON.stringify({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 } });
    assert.deepEqual(translateResponse(gemini, m, 'chat', 200, reply), {
      status: 500,
      body: { error: { message: 'transformation failed from type gemini://llm/v1/chat: no generation candidates received from Gemini, or max_tokens too short' } },
    });
  });
});
