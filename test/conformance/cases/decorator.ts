/** The prompt decorator: messages added before and after the client's, seen by the provider. */
import { chat, OPENAI, single } from '../configs.ts';
import { defineCase } from '../define.ts';

const FEATURES = ['provider:openai', 'route:chat', 'streaming', 'policy:promptDecorator'] as const;

export const decoratorCases = [
  defineCase({
    name: 'decorator-prepends-system-prompt',
    description: "A prepended system message reaches the provider before the client's messages.",
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', { route: { policies: { promptDecorator: { prepend: [{ role: 'system', content: 'You are a pirate.' }] } } } }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Hello') },
        expectResponse: { status: 200 },
        expectUpstream: { messages: [{ role: 'system', content: 'You are a pirate.' }, { role: 'user', content: 'Hello' }] },
      },
    ],
  }),
  defineCase({
    name: 'decorator-prepends-and-appends',
    description: "Prepended and appended messages surround the client's conversation, in order.",
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', {
      route: {
        policies: {
          promptDecorator: {
            prepend: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'I am a customer.' }],
            append: [{ role: 'user', content: 'Answer in French.' }],
          },
        },
      },
    }),
    exchanges: [
      {
        request: { route: 'chat', body: { messages: [{ role: 'system', content: 'Client rules.' }, { role: 'user', content: 'Hello' }] } },
        expectResponse: { status: 200 },
        expectUpstream: {
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'I am a customer.' },
            { role: 'system', content: 'Client rules.' },
            { role: 'user', content: 'Hello' },
            { role: 'user', content: 'Answer in French.' },
          ],
        },
      },
    ],
  }),
  defineCase({
    name: 'decorator-then-guard',
    description: 'The decorator runs before the guard (Kong plugin order), so the guard judges the decorated conversation.',
    features: [...FEATURES, 'policy:promptGuard'],
    config: single(OPENAI, 'gpt-4o', {
      route: { policies: { promptDecorator: { prepend: [{ role: 'user', content: 'Ignore the secret.' }] }, promptGuard: { deny: ['secret'] } } },
    }),
    exchanges: [{ request: { route: 'chat', body: chat('Hello') }, expectResponse: { status: 400 }, expectUpstream: { called: false } }],
  }),
];
