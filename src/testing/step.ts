/** One step of a test: queue the mock replies, send the request (`repeat` times), and check what
 * the client got and what the providers received. Shared by `aigate test` and the conformance
 * suite, so a config test and a conformance case mean the same thing by the same words.
 *
 * - `status`, `headers` (null = absent), `body` (a subset; for a stream, of its last JSON event,
 *   where OpenAI-format streams carry usage) are checked on the last answer.
 * - `servedBy`: the model the gateway names in its headers (the reference proxy's and Kong's
 *   `X-Kong-LLM-Model`), narrowed or, when the gateway names none, found by the front: the last
 *   model that answered the last request without an error.
 * - `stream`: `done` (ended with `[DONE]`, connection intact), `errorEvent`, `minEvents` (events
 *   other than `[DONE]`).
 * - `upstream.called` / `calls`: upstream calls during the whole step, every repeat, retries and
 *   fallbacks included. `messages`, `body`, `headers`: the last call to the model that served the
 *   last request (else the step's last call); `messages` reads the provider's format back into
 *   OpenAI's (see messages.ts). */
import type { MockReply as MockProvidersReply } from '../mock/index.ts';
import type { GatewayModel, MockReply, Route, TestExpect, TestStep } from '../model/index.ts';
import type { Answer, TestClient } from './client.ts';
import { routeForPath, type PreparedGateway } from './gateway.ts';
import { matchHeaders, matchSubset, type Mismatch } from './match.ts';
import { messagesOf } from './messages.ts';
import type { FrontCall, MockFront } from './mock-front.ts';

export interface StepContext {
  readonly gateway: PreparedGateway;
  readonly front: MockFront;
  readonly client: TestClient;
  readonly model: GatewayModel;
  keyFor(consumer: string): string | undefined;
  /** Per request. @default 30000 */
  readonly timeoutMs?: number;
}

/** A step as the runner needs it: the request and expectations, and replies in the mocks' terms. */
export interface RunnableStep {
  readonly step: TestStep;
  readonly replies: Readonly<Record<string, readonly MockProvidersReply[]>>;
}

/** The test contract's reply (`usage: { prompt, completion }`) in the mocks' terms. */
export function toMockReply(r: MockReply): MockProvidersReply {
  return {
    ...(r.status !== undefined && { status: r.status }),
    ...(r.text !== undefined && { text: r.text }),
    ...(r.body !== undefined && { body: r.body }),
    ...(r.usage !== undefined && { usage: { promptTokens: r.usage.prompt, completionTokens: r.usage.completion } }),
    ...(r.delayMs !== undefined && { delayMs: r.delayMs }),
    ...(r.fault !== undefined && { fault: r.fault }),
  };
}

export function runnable(step: TestStep): RunnableStep {
  const replies: Record<string, MockProvidersReply[]> = {};
  for (const [model, list] of Object.entries(step.mock)) replies[model] = list.map(toMockReply);
  return { step, replies };
}

/** Runs the step; the mismatches (empty when it passed). */
export async function runStep(ctx: StepContext, { step, replies }: RunnableStep): Promise<Mismatch[]> {
  const route = routeForPath(ctx.model, step.request.path);
  ctx.front.clearQueues();
  for (const [model, list] of Object.entries(replies)) ctx.front.queue(model, list);
  const stepStart = ctx.front.calls.length;
  let answer: Answer | undefined;
  let requestStart = stepStart;
  for (let i = 0; i < step.repeat; i++) {
    requestStart = ctx.front.calls.length;
    answer = await send(ctx, step, route);
  }
  const calls = ctx.front.calls.slice(stepStart);
  const lastRequestCalls = ctx.front.calls.slice(requestStart);
  return check(step.expect, answer as Answer, { ctx, route, calls, lastRequestCalls });
}

async function send(ctx: StepContext, step: TestStep, route: Route | undefined): Promise<Answer> {
  const r = step.request;
  const address = ctx.gateway.address(r.path, route);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...address.headers };
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
  const key = r.key ?? (r.consumer === undefined ? undefined : ctx.keyFor(r.consumer));
  if (key !== undefined) headers[(route?.keyAuth?.keyNames[0] ?? 'apikey').toLowerCase()] = key;
  const body = r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  return ctx.client.send(address.url, { headers, ...(body !== undefined && { body }), ...(ctx.timeoutMs !== undefined && { timeoutMs: ctx.timeoutMs }) });
}

interface Seen {
  readonly ctx: StepContext;
  readonly route: Route | undefined;
  readonly calls: readonly FrontCall[];
  readonly lastRequestCalls: readonly FrontCall[];
}

function check(expect: TestExpect, answer: Answer, seen: Seen): Mismatch[] {
  const out: Mismatch[] = [];
  if (answer.error !== undefined) out.push({ path: 'response', expected: 'an answer', actual: answer.error, message: `the request failed: ${answer.error}` });
  if (expect.status !== undefined && answer.status !== expect.status) {
    // The body usually says why (a gateway's error message), so it goes with the status.
    const said = answer.text.trim() === '' ? '' : `: ${answer.text.trim().slice(0, 300)}`;
    out.push({ path: 'status', expected: expect.status, actual: answer.status, message: `expected ${expect.status}, got ${answer.status}${said}` });
  }
  if (expect.headers) out.push(...matchHeaders(expect.headers, answer.headers, 'headers'));
  if (expect.body !== undefined) out.push(...matchSubset(expect.body, answer.stream ? answer.stream.last : (answer.json ?? answer.text), 'body'));
  const served = servedBy(answer, seen);
  if (expect.servedBy !== undefined && served !== expect.servedBy) out.push({ path: 'servedBy', expected: expect.servedBy, actual: served });
  if (expect.stream) out.push(...checkStream(expect.stream, answer));
  if (expect.upstream) out.push(...checkUpstream(expect.upstream, seen, served));
  return out;
}

function servedBy(answer: Answer, { ctx, route, lastRequestCalls }: Seen): string | undefined {
  const named = ctx.gateway.servedBy?.(answer, route) ?? [];
  const answered = lastRequestCalls.filter((c) => c.status >= 200 && c.status < 400).map((c) => c.model);
  if (named.length === 1) return named[0];
  if (named.length > 1) return answered.reverse().find((m) => named.includes(m)) ?? named[0];
  return answered.at(-1);
}

function checkStream(want: NonNullable<TestExpect['stream']>, answer: Answer): Mismatch[] {
  const s = answer.stream;
  if (s === undefined) {
    return [{ path: 'stream', expected: 'an event stream', actual: answer.headers['content-type'] ?? null, message: `expected an event stream, got content-type ${answer.headers['content-type'] ?? '(none)'}` }];
  }
  const out: Mismatch[] = [];
  const lastEvent = s.events.at(-1) ?? '';
  const how = s.cut
    ? 'the connection was cut'
    : lastEvent === '[DONE]'
      ? 'it ended with [DONE]'
      : `it ended cleanly after ${s.events.length} events, the last: ${lastEvent.length > 120 ? `${lastEvent.slice(0, 119)}…` : lastEvent}`;
  if (want.done !== undefined && s.done !== want.done) out.push({ path: 'stream.done', expected: want.done, actual: s.done, message: `expected done: ${want.done}, but ${how}` });
  if (want.errorEvent !== undefined && s.errorEvent !== want.errorEvent) {
    out.push({ path: 'stream.errorEvent', expected: want.errorEvent, actual: s.errorEvent, message: `expected errorEvent: ${want.errorEvent}; ${how}` });
  }
  const events = s.events.filter((e) => e !== '[DONE]').length;
  if (want.minEvents !== undefined && events < want.minEvents) out.push({ path: 'stream.minEvents', expected: want.minEvents, actual: events, message: `expected at least ${want.minEvents} events, got ${events}` });
  return out;
}

function checkUpstream(want: NonNullable<TestExpect['upstream']>, { ctx, calls, lastRequestCalls }: Seen, served: string | undefined): Mismatch[] {
  const out: Mismatch[] = [];
  if (want.called !== undefined && calls.length > 0 !== want.called) out.push({ path: 'upstream.called', expected: want.called, actual: calls.length > 0, message: `expected called: ${want.called}, ${calls.length} calls were made (${list(calls)})` });
  if (want.calls !== undefined && calls.length !== want.calls) out.push({ path: 'upstream.calls', expected: want.calls, actual: calls.length, message: `expected ${want.calls} upstream calls, got ${calls.length} (${list(calls)})` });
  if (want.messages === undefined && want.body === undefined && want.headers === undefined) return out;
  const pool = lastRequestCalls.length > 0 ? lastRequestCalls : calls;
  const call = [...pool].reverse().find((c) => c.model === served) ?? pool.at(-1);
  if (call === undefined) return [...out, { path: 'upstream', expected: 'an upstream call', actual: undefined, message: 'no provider was called' }];
  if (want.messages !== undefined) out.push(...matchSubset(want.messages, messagesOf(call.dialect, call.body), 'upstream.messages'));
  if (want.body !== undefined) out.push(...matchSubset(want.body, call.body, 'upstream.body'));
  if (want.headers) out.push(...matchHeaders(want.headers, ctx.gateway.upstreamHeaders?.(call.headers) ?? call.headers, 'upstream.headers'));
  return out;
}

function list(calls: readonly FrontCall[]): string {
  return calls.length === 0 ? 'none' : calls.map((c) => `${c.model} → ${c.status || 'no answer'}`).join(', ');
}
