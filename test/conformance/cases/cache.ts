/** The exact-match cache: the same request again is answered without the provider; another is not. */
import { OPENAI, single } from '../configs.ts';
import { defineCase } from '../define.ts';

const FEATURES = ['provider:openai', 'route:chat', 'streaming', 'policy:cache'] as const;
const config = single(OPENAI, 'gpt-4o', { route: { policies: { cache: { ttl: 300 } } } });

export const cacheCases = [
  defineCase({
    name: 'cache-hit-skips-the-provider',
    description: 'The same request twice: the second answer is the first one, and the provider is called once.',
    features: FEATURES,
    config,
    exchanges: [
      { request: { route: 'chat', prompt: 'What is 2 + 2?' }, mock: { 'gpt-4o': { text: 'Four.' } }, expectResponse: { status: 200, body: { choices: [{ message: { content: 'Four.' } }] } }, expectUpstream: { calls: 1 } },
      { request: { route: 'chat', prompt: 'What is 2 + 2?' }, mock: { 'gpt-4o': { text: 'Something else' } }, expectResponse: { status: 200, body: { choices: [{ message: { content: 'Four.' } }] } }, expectUpstream: { called: false } },
    ],
    known: {
      portkey: {
        note: "Portkey accepts `cache: { mode: 'simple' }` but never answers from it: its in-memory cache middleware is installed only when conf.json sets `cache: true` (src/index.ts), and the published npm build leaves it out, so the second request reaches the provider again.",
      },
    },
  }),
  defineCase({
    name: 'cache-miss-on-another-prompt',
    description: 'A different prompt is not answered from the cache.',
    features: FEATURES,
    config,
    exchanges: [
      { request: { route: 'chat', prompt: 'What is 2 + 2?' }, expectResponse: { status: 200 }, expectUpstream: { calls: 1 } },
      { request: { route: 'chat', prompt: 'What is 3 + 3?' }, expectResponse: { status: 200, body: { choices: [{ message: { content: 'echo: What is 3 + 3?' } }] } }, expectUpstream: { calls: 1 } },
    ],
  }),
];
