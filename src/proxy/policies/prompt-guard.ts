/** ai-prompt-guard (Kong 3.10 `guard-prompt.lua`, FACTS §2.3): deny and allow patterns checked
 * against the request's prompts, answered with a deliberately vague 400. Patterns run on RE2, so
 * checking is linear in the prompt's length whatever the pattern. */
import type { PromptGuardPolicy } from '../../model/index.ts';
import { isTable } from './json.ts';
import { compileAny, memoise, type Matcher } from './regex.ts';
import { KONG_MESSAGES, pluginError, type PolicyReply } from './reply.ts';

// Kong says "bad request" whatever went wrong, so clients cannot tell a guard is in place.
const BAD_REQUEST = pluginError(400, KONG_MESSAGES.badRequest);
const NOT_JSON = pluginError(400, KONG_MESSAGES.notJson);
// Kong answers a pattern that fails to run with a bare 500 (`kong.response.exit(500)`).
const PATTERN_FAILED: PolicyReply = { status: 500, body: '' };

type Patterns = { readonly deny: Matcher | undefined; readonly allow: Matcher | undefined } | { readonly error: string };
const compiled = new WeakMap<PromptGuardPolicy, Patterns>();

function patternsOf(policy: PromptGuardPolicy): Patterns {
  return memoise(compiled, policy, (p) => {
    // Kong matches with flags "jo": case-sensitive, single-line, unanchored.
    const deny = compileAny(p.deny);
    const allow = compileAny(p.allow);
    if (!deny.ok) return { error: deny.error };
    if (!allow.ok) return { error: allow.error };
    return { deny: deny.value, allow: allow.value };
  });
}

/**
 * The text the patterns run against, or undefined when the body has a shape the guard rejects.
 * Chat: collected messages (role `user`, or every role with `matchAllRoles`) from last to first,
 * each followed by a space; with `latestOnly`, just the last collected message and no space.
 */
export function collectPrompt(policy: PromptGuardPolicy, body: Readonly<Record<string, unknown>>): string | undefined {
  const messages = body.messages;
  if (isTable(messages)) {
    const list = Array.isArray(messages) ? messages : [];
    let text = '';
    for (let i = list.length - 1; i >= 0; i--) {
      const m: unknown = list[i];
      if (!isTable(m) || typeof m.role !== 'string') return undefined;
      if (m.role !== 'user' && !policy.matchAllRoles) continue;
      // Multimodal (array) content is rejected, as in Kong 3.10.
      if (typeof m.content !== 'string') return undefined;
      if (policy.latestOnly) return m.content;
      text += `${m.content} `;
    }
    return text;
  }
  if (typeof body.prompt === 'string') return body.prompt;
  return undefined;
}

/** `undefined` lets the request through; otherwise the reply to send. `body` is the parsed JSON
 * body in use (after template and decorator), or `undefined` when it did not parse. */
export function checkPrompt(policy: PromptGuardPolicy, body: unknown): PolicyReply | undefined {
  if (!isTable(body)) return NOT_JSON;
  const text = collectPrompt(policy, body);
  if (text === undefined) return BAD_REQUEST;
  const patterns = patternsOf(policy);
  if ('error' in patterns) return PATTERN_FAILED;
  // Deny first: a prompt that matches both lists is blocked.
  if (patterns.deny?.test(text)) return BAD_REQUEST;
  if (patterns.allow === undefined || patterns.allow.test(text)) return undefined;
  return BAD_REQUEST;
}
