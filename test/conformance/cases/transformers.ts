/** LLM-powered transformers: a second model rewrites the request before it is proxied, or the
 * response before the client gets it. */
import { OPENAI } from '../configs.ts';
import { defineCase } from '../define.ts';
import type { GatewayConfig } from '../../../src/index.ts';

const config = (policies: NonNullable<GatewayConfig['routes'][string]['policies']>): GatewayConfig => ({
  name: 'conformance',
  providers: { p: OPENAI },
  models: { main: { provider: 'p', model: 'gpt-4o' }, helper: { provider: 'p', model: 'gpt-4o-mini' } },
  routes: { chat: { path: '/chat', model: 'main', policies } },
});

export const transformerCases = [
  defineCase({
    name: 'request-transformer-rewrites-the-request',
    description: "The request transformer's model answers with a new request body, and that is what the route's model receives.",
    features: ['provider:openai', 'route:chat', 'streaming', 'policy:requestTransformer'],
    config: config({ requestTransformer: { prompt: 'Rewrite the request as JSON.', model: 'helper' } }),
    exchanges: [
      {
        request: { route: 'chat', prompt: 'wat is teh capitol of frnace' },
        mock: { helper: { text: '{"messages":[{"role":"user","content":"What is the capital of France?"}]}' }, main: { text: 'Paris.' } },
        expectResponse: { status: 200, body: { choices: [{ message: { content: 'Paris.' } }] }, servedBy: 'main' },
        expectUpstream: { calls: 2, messages: [{ role: 'user', content: 'What is the capital of France?' }] },
      },
    ],
  }),
  defineCase({
    name: 'response-transformer-rewrites-the-answer',
    description: "The response transformer's model rewrites the answer the client gets.",
    features: ['provider:openai', 'route:chat', 'streaming', 'policy:responseTransformer'],
    config: config({ responseTransformer: { prompt: 'Translate the answer to French.', model: 'helper' } }),
    exchanges: [
      {
        request: { route: 'chat', prompt: 'Say hello' },
        mock: { main: { text: 'Hello!' }, helper: { text: 'Bonjour !' } },
        expectResponse: { status: 200, body: 'Bonjour !' },
        expectUpstream: { calls: 2 },
      },
    ],
  }),
];
