/** key-auth: no key, a wrong key, a right key (and what the provider then sees), a custom key name. */
import { chat, OPENAI, single, withConsumers } from '../configs.ts';
import { defineCase } from '../define.ts';

const FEATURES = ['provider:openai', 'route:chat', 'streaming', 'key-auth', 'secret:env'] as const;

export const authCases = [
  defineCase({
    name: 'key-auth-missing-key',
    description: 'A request without a key gets 401 with a WWW-Authenticate challenge and reaches no provider.',
    features: FEATURES,
    config: withConsumers(single(OPENAI, 'gpt-4o')),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Hello') },
        expectResponse: { status: 401, body: { message: 'No API key found in request' } },
        expectUpstream: { called: false },
      },
    ],
  }),
  defineCase({
    name: 'key-auth-wrong-key',
    description: 'A key no consumer has gets 401 and reaches no provider.',
    features: FEATURES,
    config: withConsumers(single(OPENAI, 'gpt-4o')),
    exchanges: [
      {
        request: { route: 'chat', key: 'not-a-key', body: chat('Hello') },
        expectResponse: { status: 401 },
        expectUpstream: { called: false },
      },
    ],
  }),
  defineCase({
    name: 'key-auth-valid-key',
    description: "A consumer's key is accepted; the provider sees who the consumer is and never the key.",
    features: FEATURES,
    config: withConsumers(single(OPENAI, 'gpt-4o')),
    exchanges: [
      {
        request: { route: 'chat', consumer: 'alice', body: chat('Hello') },
        expectResponse: { status: 200, body: { choices: [{ message: { content: 'echo: Hello' } }] } },
        expectUpstream: { calls: 1, headers: { 'x-consumer-username': 'alice', apikey: null } },
      },
      {
        request: { route: 'chat', consumer: 'bob', body: chat('Hello') },
        expectResponse: { status: 200 },
        expectUpstream: { calls: 1, headers: { 'x-consumer-username': 'bob' } },
      },
    ],
  }),
  defineCase({
    name: 'key-auth-custom-key-name',
    description: 'A route that names its own key header takes the key there and not under the default name.',
    features: FEATURES,
    config: withConsumers(single(OPENAI, 'gpt-4o'), { keyNames: ['x-team-key'] }),
    exchanges: [
      {
        request: { route: 'chat', consumer: 'alice', body: chat('Hello') },
        expectResponse: { status: 200 },
        expectUpstream: { headers: { 'x-team-key': null, 'x-consumer-username': 'alice' } },
      },
      {
        request: { route: 'chat', headers: { apikey: 'aigate-test-alice-1' }, body: chat('Hello') },
        expectResponse: { status: 401 },
        expectUpstream: { called: false },
      },
    ],
  }),
];
