/** ai-prompt-decorator (Kong 3.10 `decorate-prompt.lua`, FACTS §2.4): configured messages placed
 * before and after the client's chat messages. */
import type { PromptDecoratorPolicy } from '../../model/index.ts';
import { isTable, type JsonObject } from './json.ts';
import { fail, KONG_MESSAGES, ok, pluginError, type Outcome } from './reply.ts';

const NOT_JSON = pluginError(400, KONG_MESSAGES.notJson);
const CHAT_ONLY = pluginError(400, KONG_MESSAGES.chatOnly);

/** A new body (the input is not touched) whose `messages` are prepend + the client's + append.
 * `body` is the parsed JSON body in use, or `undefined` when it did not parse. */
export function decoratePrompt(policy: PromptDecoratorPolicy, body: unknown): Outcome<JsonObject> {
  if (!isTable(body)) return fail(NOT_JSON);
  const messages = body.messages;
  // Kong's test is `#(messages or {}) < 1`: completions bodies and empty conversations are refused.
  if (!Array.isArray(messages) || messages.length === 0) return fail(CHAT_ONLY);
  // Only role and content are copied from the config, as Kong does.
  const from = (m: { readonly role: string; readonly content: string }) => ({ role: m.role, content: m.content });
  return ok({ ...body, messages: [...policy.prepend.map(from), ...messages, ...policy.append.map(from)] });
}
