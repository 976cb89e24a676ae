/** Streaming beyond "it streams": usage in the final chunk, a cut upstream stream that must not
 * look finished, broken chunks, gzip-encoded streams, and routes that always or never stream
 * (Anthropic's usage at message_delta is in limits.ts: a limit is where it shows). The peers' bug reports these come from: Portkey#1797 (a cut
 * stream ends cleanly), Kong#14893 (gzip SSE), envoyproxy/ai-gateway#2290 (message_delta usage). */
import { ANTHROPIC, chat, OPENAI, single } from '../configs.ts';
import { defineCase } from '../define.ts';

export const streamingCases = [
  defineCase({
    name: 'stream-usage-in-final-chunk',
    description: 'With stream_options.include_usage, the last event before [DONE] carries the token usage the provider reported.',
    features: ['provider:openai', 'route:chat', 'streaming'],
    config: single(OPENAI, 'gpt-4o'),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Count to three', { stream: true, stream_options: { include_usage: true } }) },
        mock: { 'gpt-4o': { text: 'one two three', usage: { promptTokens: 11, completionTokens: 3 } } },
        expectResponse: { status: 200, stream: { done: true }, body: { usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 } } },
      },
    ],
  }),
  defineCase({
    name: 'stream-cut-midway-is-not-clean',
    description: 'When the provider drops the connection in the middle of a stream, the client must not see a stream that ended normally: no [DONE], and an error event (or a cut connection).',
    features: ['provider:openai', 'route:chat', 'streaming'],
    config: single(OPENAI, 'gpt-4o'),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Tell me a long story', { stream: true }) },
        mock: { 'gpt-4o': { text: 'one two three four five six seven eight', fault: 'cut-stream', cutAfter: 3 } },
        expectResponse: { status: 200, stream: { done: false, errorEvent: true } },
      },
    ],
    known: {
      portkey: {
        note: 'Portkey ends a stream the provider cut as if it had finished normally (no error event), and without [DONE]; a client cannot tell a cut answer from a short one (Portkey-AI/gateway#1797).',
      },
    },
  }),
  defineCase({
    name: 'stream-cut-translated-is-not-clean',
    description: 'A translated (Anthropic) stream cut before message_stop is not passed off as complete either.',
    features: ['provider:anthropic', 'route:chat', 'streaming'],
    config: single(ANTHROPIC, 'claude', { modelId: 'claude-sonnet-4-5' }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Tell me a long story', { stream: true }) },
        mock: { claude: { text: 'one two three four five six seven eight', fault: 'cut-stream', cutAfter: 5 } },
        expectResponse: { status: 200, stream: { done: false, errorEvent: true } },
      },
    ],
    known: {
      portkey: {
        note: 'Portkey ends a cut Anthropic stream cleanly, with no error event (Portkey-AI/gateway#1797).',
      },
    },
  }),
  defineCase({
    name: 'stream-malformed-chunk',
    description: 'A chunk that is not valid JSON in the middle of a translated stream ends the stream with an error event, not with [DONE].',
    features: ['provider:anthropic', 'route:chat', 'streaming'],
    config: single(ANTHROPIC, 'claude', { modelId: 'claude-sonnet-4-5' }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Hello', { stream: true }) },
        mock: { claude: { text: 'one two three four', fault: 'malformed-chunk', cutAfter: 3 } },
        expectResponse: { status: 200, stream: { done: false, errorEvent: true } },
      },
    ],
    known: { portkey: { note: 'Portkey stops at the chunk it cannot parse and ends the stream without an error event (and without [DONE]), so the client cannot tell it from a short answer.' } },
  }),
  defineCase({
    name: 'stream-gzip-openai',
    description: 'A provider that gzips its SSE stream (Content-Encoding: gzip, flushed per event) still reaches the client as readable events ending with [DONE].',
    features: ['provider:openai', 'route:chat', 'streaming', 'streaming:gzip'],
    config: single(OPENAI, 'gpt-4o'),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Hello there', { stream: true }) },
        mock: { 'gpt-4o': { text: 'General Kenobi, you are a bold one', gzip: true } },
        expectResponse: { status: 200, stream: { done: true, errorEvent: false, minEvents: 3 } },
      },
    ],
  }),
  defineCase({
    name: 'stream-gzip-translated',
    description: 'A gzip-encoded Anthropic stream is decoded and translated chunk by chunk (Kong#14893: an empty body).',
    features: ['provider:anthropic', 'route:chat', 'streaming', 'streaming:gzip'],
    config: single(ANTHROPIC, 'claude', { modelId: 'claude-sonnet-4-5' }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Hello there', { stream: true }) },
        mock: { claude: { text: 'General Kenobi, you are a bold one', gzip: true } },
        expectResponse: { status: 200, stream: { done: true, errorEvent: false, minEvents: 3 } },
      },
    ],
  }),
  defineCase({
    name: 'stream-route-always',
    description: "A route with streaming: 'always' streams even when the client did not ask.",
    features: ['provider:openai', 'route:chat', 'streaming'],
    config: single(OPENAI, 'gpt-4o', { route: { streaming: 'always' } }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Hello') },
        expectResponse: { status: 200, stream: { done: true } },
        expectUpstream: { body: { stream: true } },
      },
    ],
  }),
  defineCase({
    name: 'stream-route-deny',
    description: "A route with streaming: 'deny' refuses a stream request with 400 and calls no provider.",
    features: ['provider:openai', 'route:chat'],
    config: single(OPENAI, 'gpt-4o', { route: { streaming: 'deny' } }),
    exchanges: [
      {
        request: { route: 'chat', body: chat('Hello', { stream: true }) },
        expectResponse: { status: 400 },
        expectUpstream: { called: false },
      },
    ],
    known: {
      portkey: {
        note: 'Portkey cannot refuse a stream request; the portkey target writes `stream: false` into override_params, so the client gets a 200 without a stream instead of a 400.',
      },
    },
  }),
];
