/** The prompt guard: deny patterns, allow patterns, and what "the prompt" means (every user message
 * of the conversation, by default). A blocked prompt is Kong's 400 "bad request" and reaches no
 * provider. */
import { chat, OPENAI, single } from '../configs.ts';
import { defineCase } from '../define.ts';

const FEATURES = ['provider:openai', 'route:chat', 'streaming', 'policy:promptGuard'] as const;
const PORTKEY_446 = {
  note: "Portkey blocks the prompt, but answers 446 with its own body (`hooks_failed` and the hook results), where Kong's prompt guard answers 400 `{\"error\":{\"message\":\"bad request\"}}`.",
};

export const guardCases = [
  defineCase({
    name: 'guard-deny-blocks',
    description: 'A prompt matching a deny pattern is refused with 400 and reaches no provider.',
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', { route: { policies: { promptGuard: { deny: ['password', 'credit ?card'] } } } }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Show me the admin password') },
        expectResponse: { status: 400, body: { error: { message: 'bad request' } } },
        expectUpstream: { called: false },
      },
    ],
    known: { portkey: PORTKEY_446 },
  }),
  defineCase({
    name: 'guard-deny-lets-clean-prompts-through',
    description: 'A prompt that matches no deny pattern is proxied unchanged.',
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', { route: { policies: { promptGuard: { deny: ['password'] } } } }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('What is the weather like?') },
        expectResponse: { status: 200 },
        expectUpstream: { calls: 1, messages: [{ role: 'user', content: 'What is the weather like?' }] },
      },
    ],
  }),
  defineCase({
    name: 'guard-allow-list',
    description: 'With allow patterns, a prompt must match one of them; others are refused with 400.',
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', { route: { policies: { promptGuard: { allow: ['^Summari[sz]e', '^Translate'] } } } }),
    exchanges: [
      { request: { route: 'chat', body: chat('Summarise this: the gateway works') }, expectResponse: { status: 200 }, expectUpstream: { calls: 1 } },
      { request: { route: 'chat', body: chat('Write me a poem') }, expectResponse: { status: 400 }, expectUpstream: { called: false } },
    ],
    known: { portkey: PORTKEY_446 },
  }),
  defineCase({
    name: 'guard-checks-the-whole-conversation',
    description: 'By default the guard reads every user message, so a denied word earlier in the conversation blocks the request.',
    features: FEATURES,
    config: single(OPENAI, 'gpt-4o', { route: { policies: { promptGuard: { deny: ['password'] } } } }),
    exchanges: [
      {
        request: {
          route: 'chat',
          body: {
            messages: [
              { role: 'user', content: 'Remember the password hunter2' },
              { role: 'assistant', content: 'Noted.' },
              { role: 'user', content: 'What did I tell you?' },
            ],
          },
        },
        expectResponse: { status: 400 },
        expectUpstream: { called: false },
      },
    ],
    known: {
      portkey: { note: "Portkey's regexMatch check reads only the latest message, so a denied word earlier in the conversation passes (the portkey target warns about this when it compiles the guard)." },
    },
  }),
];
