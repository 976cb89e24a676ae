/** Kong's own provider translation fixtures (spec/fixtures/ai-proxy/unit), with providers and
 * models built as the `FORMATS` table of Kong's `spec/03-plugins/38-ai-proxy/01-unit_spec.lua`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUpstreamRequest } from './request.ts';
import { translateResponse } from './response.ts';
import { caseFile, KONG_CASES } from './testing/kong-cases.ts';
import { fixtureJson, fixtureText, fixturesMissing, model, provider, secrets } from './testing/kong-fixtures.ts';

describe('Kong ai-proxy unit fixtures', { skip: fixturesMissing }, () => {
  for (const c of KONG_CASES) {
    describe(`${c.dir} ${c.type}`, () => {
      it('translates the client request to the provider request Kong expects', async () => {
        // GIVEN Kong's standard client request and the FORMATS provider/model
        const body = fixtureJson(`requests/${caseFile(c.type)}`) as Record<string, unknown>;

        // WHEN it is translated for a non-streaming upstream call
        const result = await buildUpstreamRequest({
          provider: c.provider,
          model: c.model,
          routeType: c.type,
          body,
          stream: false,
          resolveSecret: secrets({ KEY: 'Bearer sk-test' }),
        });

        // THEN the JSON body equals Kong's expected request, and it goes to the provider's endpoint
        assert.ok(result.ok, result.ok ? '' : result.message);
        assert.deepEqual(JSON.parse(result.request.body), fixtureJson(`expected-requests/${c.dir}/${caseFile(c.type)}`));
        assert.equal(result.request.url, c.url);
        assert.equal(result.request.method, 'POST');
      });

      it('translates the provider reply to the OpenAI reply Kong expects', () => {
        // GIVEN the provider's recorded reply
        const real = fixtureText(`real-responses/${c.dir}/${caseFile(c.type)}`);

        // WHEN the 200 reply is translated
        const out = translateResponse(c.provider, c.model, c.type, 200, real);

        // THEN it matches Kong's expected body, except the documented fields, which hold what Kong's driver computes
        assert.equal(out.status, 200);
        const ours = (typeof out.body === 'string' ? JSON.parse(out.body) : out.body) as Record<string, unknown>;
        const expected = { ...(fixtureJson(`expected-responses/${c.dir}/${caseFile(c.type)}`) as Record<string, unknown>) };
        for (const [field, { ours: value }] of Object.entries(c.differs ?? {})) {
          assert.deepEqual(ours[field], value, `${field}: ${c.differs?.[field]?.why}`);
          expected[field] = value;
        }
        assert.deepEqual(ours, expected);
      });
    });
  }

  it('passes OpenAI-format replies through byte for byte', () => {
    // GIVEN an OpenAI reply  WHEN translated  THEN the body is the upstream text itself, with its usage read
    const real = fixtureText('real-responses/openai/llm-v1-chat.json');
    const out = translateResponse(provider('openai'), model('gpt-4'), 'chat', 200, real);
    assert.equal(out.body, real);
    assert.deepEqual(out.usage, { prompt_tokens: 130, completion_tokens: 139, total_tokens: 269 });
  });
});
