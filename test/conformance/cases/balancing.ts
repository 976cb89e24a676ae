/** Several models on a route: round-robin spreading, priority with fallback on the failures the
 * route names (429, 5xx, timeouts, connection errors), before the first byte of a stream too, and
 * no fallback on anything else. The peers' bug reports: LiteLLM#22296 (429 on a stream skips the
 * fallback), Portkey#165 (on_status_codes ignored), Bifrost#3261. */
import { ANTHROPIC, chat, pair } from '../configs.ts';
import { defineCase } from '../define.ts';

const FEATURES = ['provider:openai', 'route:chat', 'streaming', 'balancing'] as const;
const priority = (failover: ('error' | 'timeout' | '5xx' | 429 | 500 | 503)[], extra: Record<string, number> = {}) => ({ algorithm: 'priority' as const, retries: 1, failover, ...extra });

/** The first model fails the way `primary` says; the route's criteria name that failure, so the backup answers. */
const fallsBack = (name: string, description: string, balancer: ReturnType<typeof priority>, primary: Record<string, unknown>) =>
  defineCase({
    name,
    description,
    features: FEATURES,
    config: pair(balancer),
    exchanges: [{ request: { route: 'chat', prompt: 'hello' }, mock: { primary }, expectResponse: { status: 200, servedBy: 'backup' }, expectUpstream: { calls: 2 } }],
  });

export const balancingCases = [
  defineCase({
    name: 'balance-round-robin-alternates',
    description: 'Round-robin over two equally weighted models sends consecutive requests to each in turn.',
    features: FEATURES,
    config: pair({ algorithm: 'round-robin' }, {}, undefined, [100, 100]),
    exchanges: [
      { request: { route: 'chat', prompt: 'one' }, expectResponse: { status: 200, servedBy: 'primary' } },
      { request: { route: 'chat', prompt: 'two' }, expectResponse: { status: 200, servedBy: 'backup' } },
      { request: { route: 'chat', prompt: 'three' }, expectResponse: { status: 200, servedBy: 'primary' } },
      { request: { route: 'chat', prompt: 'four' }, expectResponse: { status: 200, servedBy: 'backup' } },
      { request: { route: 'chat', prompt: 'five' }, expectResponse: { status: 200, servedBy: 'primary' } },
      { request: { route: 'chat', prompt: 'six' }, expectResponse: { status: 200, servedBy: 'backup' } },
    ],
    known: { portkey: { note: "Portkey's loadbalance mode picks a target at random by weight on every request, so two requests in a row may go to the same model; Kong's round-robin alternates." } },
  }),
  defineCase({
    name: 'balance-priority-prefers-highest-weight',
    description: 'With the priority algorithm and no failures, every request goes to the highest-weighted model.',
    features: FEATURES,
    config: pair(priority([429])),
    exchanges: [{ request: { route: 'chat', prompt: 'hello' }, repeat: 3, expectResponse: { status: 200, servedBy: 'primary' }, expectUpstream: { calls: 3 } }],
  }),
  defineCase({
    name: 'fallback-on-429',
    description: 'A 429 from the first model, with 429 among the failover criteria, is answered by the next model.',
    features: FEATURES,
    config: pair(priority([429])),
    exchanges: [
      {
        request: { route: 'chat', prompt: 'hello' },
        mock: { primary: { status: 429 }, backup: { text: 'from the backup' } },
        expectResponse: { status: 200, servedBy: 'backup', body: { choices: [{ message: { content: 'from the backup' } }] } },
        expectUpstream: { calls: 2 },
      },
    ],
  }),
  fallsBack('fallback-on-5xx', "A 503 from the first model, with '5xx' among the failover criteria, is answered by the next model.", priority(['5xx']), { status: 503 }),
  fallsBack('fallback-on-timeout', "A first model that does not answer within the route's read timeout is abandoned for the next one.", priority(['timeout'], { readTimeoutMs: 500 }), { delayMs: 3000 }),
  fallsBack(
    'fallback-on-connection-error',
    "A first model whose connection is reset before it answers, with 'error' among the failover criteria, is abandoned for the next one.",
    priority(['error']),
    { fault: 'reset' },
  ),
  defineCase({
    name: 'fallback-stream-429-before-first-byte',
    description: 'A stream request whose first model answers 429 before sending any event falls back, and the client gets a whole stream from the next model.',
    features: FEATURES,
    config: pair(priority([429])),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Tell me a story', { stream: true }) },
        mock: { primary: { status: 429 }, backup: { text: 'Once upon a time' } },
        expectResponse: { status: 200, servedBy: 'backup', stream: { done: true, errorEvent: false, minEvents: 2 } },
        expectUpstream: { calls: 2 },
      },
    ],
  }),
  defineCase({
    name: 'fallback-across-providers',
    description: 'The fallback model may be another provider: the request is translated again for it (OpenAI first, Anthropic next).',
    features: [...FEATURES, 'provider:anthropic'],
    config: pair(priority([429]), {}, { a: { kind: 'openai' }, b: ANTHROPIC }),
    exchanges: [
      {
        request: { route: 'chat', prompt: 'hello' },
        mock: { primary: { status: 429 }, backup: { text: 'from Claude' } },
        expectResponse: { status: 200, servedBy: 'backup', body: { choices: [{ message: { content: 'from Claude' } }] } },
        expectUpstream: { calls: 2, messages: [{ role: 'user', content: 'hello' }], body: { model: 'claude-sonnet-4-5' } },
      },
    ],
  }),
  defineCase({
    name: 'no-fallback-on-unlisted-status',
    description: 'A failure the route does not list (a 500 when only 429 is listed) goes straight back to the client.',
    features: FEATURES,
    config: pair(priority([429])),
    exchanges: [
      {
        request: { route: 'chat', prompt: 'hello' },
        mock: { primary: { status: 500 } },
        expectResponse: { status: 500 },
        expectUpstream: { calls: 1 },
      },
    ],
  }),
  defineCase({
    name: 'fallback-exhausted',
    description: "When every model fails, the client gets the last model's failure.",
    features: FEATURES,
    config: pair(priority([429])),
    exchanges: [
      {
        request: { route: 'chat', prompt: 'hello' },
        mock: { primary: { status: 429 }, backup: { status: 429 } },
        expectResponse: { status: 429 },
        expectUpstream: { calls: 2 },
      },
    ],
  }),
];
