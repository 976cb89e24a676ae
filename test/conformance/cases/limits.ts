/** Limits per consumer, per consumer group and per route, counted in requests, tokens (as the
 * provider reports them, Anthropic's message_delta included) and money. The request past a limit
 * gets 429 and reaches no provider. */
import { ANTHROPIC, chat, OPENAI, single, withConsumers } from '../configs.ts';
import { defineCase } from '../define.ts';
import type { GatewayConfig } from '../../../src/index.ts';

const FEATURES = ['provider:openai', 'route:chat', 'streaming', 'key-auth', 'secret:env', 'policy:limits'] as const;

const perConsumer = (limits: NonNullable<NonNullable<GatewayConfig['consumers']>[string]['policies']>['limits'], options?: Parameters<typeof single>[2]): GatewayConfig => {
  const c = withConsumers(single(OPENAI, 'gpt-4o', options));
  return { ...c, consumers: { ...c.consumers, alice: { ...c.consumers!.alice!, policies: { limits } } } };
};

export const limitCases = [
  defineCase({
    name: 'limit-requests-per-consumer',
    description: "A consumer's request limit refuses the request past it with 429, and other consumers are not affected.",
    features: FEATURES,
    config: perConsumer([{ limit: 2, window: 'minute', count: 'requests' }]),
    exchanges: [
      { request: { route: 'chat', consumer: 'alice', prompt: 'hi' }, repeat: 2, expectResponse: { status: 200 }, expectUpstream: { calls: 2 } },
      { request: { route: 'chat', consumer: 'alice', prompt: 'hi' }, expectResponse: { status: 429 }, expectUpstream: { called: false } },
      { request: { route: 'chat', consumer: 'bob', prompt: 'hi' }, expectResponse: { status: 200 } },
    ],
  }),
  defineCase({
    name: 'limit-tokens-per-consumer',
    description: 'A token limit counts the tokens the provider reported; once used up, the next request gets 429.',
    features: FEATURES,
    config: perConsumer([{ limit: 20, window: 'minute' }]),
    exchanges: [
      { request: { route: 'chat', consumer: 'alice', prompt: 'hi' }, mock: { 'gpt-4o': { usage: { promptTokens: 15, completionTokens: 10 } } }, expectResponse: { status: 200 } },
      { request: { route: 'chat', consumer: 'alice', prompt: 'hi' }, expectResponse: { status: 429 }, expectUpstream: { called: false } },
    ],
  }),
  defineCase({
    name: 'limit-cost-per-consumer',
    description: "A budget in money counts each answer's tokens at the model's prices.",
    features: FEATURES,
    config: perConsumer([{ limit: 0.01, window: 'day', count: 'cost' }], { options: { inputCost: 1000, outputCost: 1000 } }),
    exchanges: [
      { request: { route: 'chat', consumer: 'alice', prompt: 'hi' }, mock: { 'gpt-4o': { usage: { promptTokens: 8, completionTokens: 4 } } }, expectResponse: { status: 200 } },
      { request: { route: 'chat', consumer: 'alice', prompt: 'hi' }, expectResponse: { status: 429 }, expectUpstream: { called: false } },
    ],
  }),
  defineCase({
    name: 'limit-per-consumer-group',
    description: "A consumer group's limit is shared by its members.",
    features: [...FEATURES, 'consumer-groups'],
    config: (() => {
      const c = withConsumers(single(OPENAI, 'gpt-4o'));
      return {
        ...c,
        consumerGroups: { free: { policies: { limits: [{ limit: 1, window: 'minute', count: 'requests', by: 'consumer-group' }] } } },
        consumers: { alice: { ...c.consumers!.alice!, groups: ['free'] }, bob: { ...c.consumers!.bob!, groups: ['free'] } },
      } satisfies GatewayConfig;
    })(),
    exchanges: [
      { request: { route: 'chat', consumer: 'alice', prompt: 'hi' }, expectResponse: { status: 200 } },
      { request: { route: 'chat', consumer: 'bob', prompt: 'hi' }, expectResponse: { status: 429 }, expectUpstream: { called: false } },
    ],
  }),
  defineCase({
    name: 'limit-prompt-tokens-per-route',
    description: 'A route-wide limit on prompt tokens counts only the prompt side of the usage.',
    features: ['provider:openai', 'route:chat', 'streaming', 'policy:limits'],
    config: single(OPENAI, 'gpt-4o', { route: { policies: { limits: [{ limit: 10, window: 'minute', count: 'prompt-tokens', by: 'route' }] } } }),
    exchanges: [
      { request: { route: 'chat', prompt: 'hi' }, mock: { 'gpt-4o': { usage: { promptTokens: 4, completionTokens: 50 } } }, expectResponse: { status: 200 } },
      { request: { route: 'chat', prompt: 'hi' }, mock: { 'gpt-4o': { usage: { promptTokens: 7, completionTokens: 1 } } }, expectResponse: { status: 200 } },
      { request: { route: 'chat', prompt: 'hi' }, expectResponse: { status: 429 }, expectUpstream: { called: false } },
    ],
  }),
  defineCase({
    name: 'limit-counts-anthropic-stream-usage',
    description:
      "Anthropic streams report output tokens only at message_delta, after the text; a token limit must count them (7 prompt tokens alone stay under the limit of 10, 7 + 5 do not). envoyproxy/ai-gateway#2290 dropped them.",
    features: ['provider:anthropic', 'route:chat', 'streaming', 'policy:limits'],
    config: single(ANTHROPIC, 'claude', { modelId: 'claude-sonnet-4-5', route: { policies: { limits: [{ limit: 10, window: 'minute', by: 'route' }] } } }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Say hi', { stream: true }) },
        mock: { claude: { text: 'Hi there, friend', usage: { promptTokens: 7, completionTokens: 5 } } },
        expectResponse: { status: 200, stream: { done: true } },
      },
      { request: { route: 'chat', prompt: 'again' }, expectResponse: { status: 429 }, expectUpstream: { called: false } },
    ],
  }),
];
