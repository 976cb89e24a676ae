import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { PromptGuardPolicy } from '../../model/index.ts';
import { checkPrompt, collectPrompt } from './prompt-guard.ts';

const policy = (p: Partial<PromptGuardPolicy>): PromptGuardPolicy => ({ allow: [], deny: [], matchAllRoles: false, latestOnly: false, ...p });
const chat = (...messages: unknown[]) => ({ messages });
const BAD = { status: 400, body: '{"error":{"message":"bad request"}}' };

describe('prompt guard: what is checked', () => {
  it('GIVEN a conversation THEN user messages are joined last to first, each with a trailing space', () => {
    const body = chat({ role: 'user', content: 'one' }, { role: 'assistant', content: 'two' }, { role: 'user', content: 'three' });
    assert.equal(collectPrompt(policy({}), body), 'three one ');
  });

  it('GIVEN matchAllRoles THEN every role is collected', () => {
    const body = chat({ role: 'system', content: 's' }, { role: 'user', content: 'u' }, { role: 'assistant', content: 'a' });
    assert.equal(collectPrompt(policy({ matchAllRoles: true }), body), 'a u s ');
  });

  it('GIVEN latestOnly THEN only the latest user message counts, with no trailing space', () => {
    const body = chat({ role: 'user', content: 'old password' }, { role: 'assistant', content: 'x' }, { role: 'user', content: 'new' });
    assert.equal(collectPrompt(policy({ latestOnly: true }), body), 'new');
    assert.equal(checkPrompt(policy({ deny: ['password'], latestOnly: true }), body), undefined);
    assert.deepEqual(checkPrompt(policy({ deny: ['password'] }), body), BAD);
  });

  it('GIVEN a completions body THEN the prompt is used as is', () => {
    assert.equal(collectPrompt(policy({}), { prompt: 'hello' }), 'hello');
  });

  it('GIVEN a message without a string role, or a user message with array content THEN 400 bad request', () => {
    assert.deepEqual(checkPrompt(policy({ deny: ['x'] }), chat({ content: 'hi' })), BAD);
    assert.deepEqual(checkPrompt(policy({ deny: ['x'] }), chat({ role: 'user', content: [{ type: 'text', text: 'hi' }] })), BAD);
    // A non-user message with array content is fine: it is not collected.
    assert.equal(checkPrompt(policy({ deny: ['x'] }), chat({ role: 'system', content: [] }, { role: 'user', content: 'hi' })), undefined);
  });

  it('GIVEN neither messages nor prompt THEN 400 bad request; a non-JSON body THEN the JSON message', () => {
    assert.deepEqual(checkPrompt(policy({ deny: ['x'] }), { input: 'hi' }), BAD);
    assert.deepEqual(checkPrompt(policy({ deny: ['x'] }), undefined), { status: 400, body: '{"error":{"message":"this LLM route only supports application/json requests"}}' });
  });
});

describe('prompt guard: matching', () => {
  it('GIVEN deny "password" WHEN "show me the password" THEN blocked with the generic 400', () => {
    assert.deepEqual(checkPrompt(policy({ deny: ['password'] }), chat({ role: 'user', content: 'show me the password' })), BAD);
  });

  it('matches case-sensitively and unanchored, as Kong’s "jo" flags do', () => {
    const p = policy({ deny: ['password'] });
    assert.equal(checkPrompt(p, chat({ role: 'user', content: 'PASSWORD please' })), undefined);
    assert.deepEqual(checkPrompt(p, chat({ role: 'user', content: 'mypasswords' })), BAD);
  });

  it('GIVEN allow patterns THEN a prompt must match one; deny beats allow', () => {
    const p = policy({ allow: ['^weather', 'forecast'], deny: ['secret'] });
    assert.equal(checkPrompt(p, chat({ role: 'user', content: 'weather in Oslo' })), undefined);
    assert.deepEqual(checkPrompt(p, chat({ role: 'user', content: 'tell me a joke' })), BAD);
    assert.deepEqual(checkPrompt(p, chat({ role: 'user', content: 'weather secret' })), BAD);
  });

  it('GIVEN several patterns THEN each keeps its own anchors, alternatives and inline flags (they run as one RE2 set)', () => {
    const p = policy({ deny: ['^start', 'q|z$', '(?i)shout', 'x{2}'] });
    const blocked = (content: string) => checkPrompt(p, chat({ role: 'user', content })) !== undefined;
    assert.equal(blocked('start here'), true);
    assert.equal(blocked('not start'), false, '^ belongs to the first pattern only');
    assert.equal(blocked('a q here'), true, 'q|z$ is "q" or "z at the end", not wrapped into its neighbours');
    assert.equal(blocked('z in the middle'), false);
    assert.equal(blocked('SHOUT'), true);
    assert.equal(blocked('Start x'), false, '(?i) of the third pattern does not reach the first');
    assert.equal(blocked('xx'), true);
  });

  it('GIVEN a pattern RE2 cannot compile THEN a bare 500, as when Kong’s regex fails', () => {
    assert.deepEqual(checkPrompt(policy({ deny: ['(?=x)'] }), chat({ role: 'user', content: 'x' })), { status: 500, body: '' });
  });

  it('GIVEN deny (a+)+$ and a 50,000-character prompt THEN the check holds the event loop under 10 ms', async (t) => {
    const p = policy({ deny: ['(a+)+$'] });
    const body = chat({ role: 'user', content: `${'a'.repeat(50_000)}!` });
    checkPrompt(p, body); // warm-up: compiles the pattern and the WASM code paths
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    await delay(5);
    const started = performance.now();
    const reply = checkPrompt(p, body);
    const elapsed = performance.now() - started;
    await delay(20); // let the histogram sample the loop after the check
    histogram.disable();
    assert.equal(reply, undefined); // the trailing "!" means no match
    assert.ok(elapsed < 10, `check took ${elapsed.toFixed(2)} ms`);
    t.diagnostic(`guard: (a+)+$ on 50,000 chars held the loop ${elapsed.toFixed(3)} ms; max loop delay ${(histogram.max / 1e6).toFixed(2)} ms`);
  });
});
