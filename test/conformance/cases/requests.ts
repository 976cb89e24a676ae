/** Requests and failures outside the policies: completions routes, model options, the model a
 * client may ask for, malformed requests, unknown paths, and provider failures on a one-model
 * route (passed through, or Kong's 502). */
import { ANTHROPIC, chat, OPENAI, single } from '../configs.ts';
import { defineCase } from '../define.ts';

const CHAT = ['provider:openai', 'route:chat', 'streaming'] as const;

export const requestCases = [
  defineCase({
    name: 'completions-openai',
    description: 'A completions route takes a prompt and answers with choices[].text.',
    features: ['provider:openai', 'route:completions', 'streaming'],
    config: single(OPENAI, 'gpt-3.5-turbo-instruct', { route: { type: 'completions' } }),
    exchanges: [
      {
        request: { route: 'chat', body: { prompt: 'Say this is a test' } },
        mock: { 'gpt-3.5-turbo-instruct': { text: 'This is a test.' } },
        expectResponse: { status: 200, body: { object: 'text_completion', choices: [{ text: 'This is a test.' }] } },
        expectUpstream: { calls: 1, body: { prompt: 'Say this is a test' } },
      },
    ],
  }),
  defineCase({
    name: 'completions-anthropic',
    description: "A completions route on Anthropic is translated to Anthropic's text completion API and back.",
    features: ['provider:anthropic', 'route:completions', 'streaming'],
    config: single(ANTHROPIC, 'claude-2', { route: { type: 'completions' } }),
    exchanges: [
      {
        request: { route: 'chat', body: { prompt: 'Say this is a test' } },
        mock: { 'claude-2': { text: 'This is a test.' } },
        expectResponse: { status: 200, body: { choices: [{ text: 'This is a test.' }] } },
        expectUpstream: { calls: 1 },
      },
    ],
  }),
  defineCase({
    name: 'model-options-reach-the-provider',
    description: "A model's options (max tokens, temperature) are set on the provider request.",
    features: CHAT,
    config: single(OPENAI, 'gpt-4o', { options: { maxTokens: 64, temperature: 0.2 } }),
    exchanges: [{ request: { route: 'chat', prompt: 'hello' }, expectResponse: { status: 200 }, expectUpstream: { body: { model: 'gpt-4o', max_tokens: 64, temperature: 0.2 } } }],
  }),
  defineCase({
    name: 'request-for-another-model-is-refused',
    description: "A client asking for a model the route does not serve gets 400 naming the route's model, and no provider is called.",
    features: CHAT,
    config: single(OPENAI, 'gpt-4o'),
    exchanges: [
      {
        request: { route: 'chat', body: chat('hello', { model: 'gpt-3.5-turbo' }) },
        expectResponse: { status: 400, body: { error: { message: 'cannot use own model - must be: gpt-4o' } } },
        expectUpstream: { called: false },
      },
    ],
    known: { portkey: { note: "Portkey's override_params replace the client's model with the configured one and answer 200, where Kong refuses a request for another model with 400." } },
  }),
  defineCase({
    name: 'request-body-not-json',
    description: 'A body that is not JSON gets 400 and reaches no provider.',
    features: CHAT,
    config: single(OPENAI, 'gpt-4o'),
    exchanges: [{ request: { route: 'chat', body: 'this is not json' }, expectResponse: { status: 400 }, expectUpstream: { called: false } }],
    known: { portkey: { note: 'Portkey answers a body that is not JSON with 500 `{"status":"failure","message":"Something went wrong"}`; Kong answers 400.' } },
  }),
  defineCase({
    name: 'request-unknown-path',
    description: 'A path no route serves gets 404.',
    features: CHAT,
    config: single(OPENAI, 'gpt-4o'),
    exchanges: [{ request: { path: '/nowhere', prompt: 'hello' }, expectResponse: { status: 404 }, expectUpstream: { called: false } }],
  }),
  defineCase({
    name: 'provider-error-passed-through',
    description: "A provider's error status and body on a one-model route reach the client unchanged.",
    features: CHAT,
    config: single(OPENAI, 'gpt-4o'),
    exchanges: [
      {
        request: { route: 'chat', prompt: 'hello' },
        mock: { 'gpt-4o': { status: 400, body: { error: { message: 'context length exceeded', type: 'invalid_request_error' } } } },
        expectResponse: { status: 400, body: { error: { message: 'context length exceeded' } } },
        expectUpstream: { calls: 1 },
      },
    ],
    known: { portkey: { note: 'Portkey passes the status on but rewrites the error message, prefixing the provider\'s name ("openai error: context length exceeded"), so a client matching on the provider\'s message no longer finds it.' } },
  }),
  defineCase({
    name: 'provider-unreachable-is-502',
    description: 'A provider that resets the connection before answering gives the client 502.',
    features: CHAT,
    config: single(OPENAI, 'gpt-4o'),
    exchanges: [{ request: { route: 'chat', prompt: 'hello' }, mock: { 'gpt-4o': { fault: 'reset' } }, expectResponse: { status: 502 } }],
    known: { portkey: { note: 'Portkey answers a reset connection with 500 and `{"html-message":"Message: fetch failed Cause: SocketError: other side closed …"}`; Kong answers 502 "An invalid response was received from the upstream server".' } },
  }),
];
