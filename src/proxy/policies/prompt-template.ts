/** ai-prompt-template (Kong 3.10 `render-prompt-template.lua` and `templater.lua`, FACTS §2.5):
 * a client sends `"messages": "{template://NAME}"` (or the same as `prompt`) plus `properties`, and
 * the rendered template replaces the whole request body. */
import type { PromptTemplate, PromptTemplatesPolicy } from '../../model/index.ts';
import { isTable, luaTruthy, luaType } from './json.ts';
import { fail, KONG_MESSAGES, ok, pluginError, type Outcome } from './reply.ts';

const bad = (message: string) => fail<never>(pluginError(400, message));

// Lua's `{{([%w_]+)}}`: letters, digits and underscore only, so `{{ x }}` is left alone.
const PLACEHOLDER = /\{\{([A-Za-z0-9_]+)\}\}/g;
const PREFIX = '{template://';

/** The template name in a `{template://NAME}` reference, or undefined for anything else. */
export function templateReference(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(PREFIX) || !value.endsWith('}')) return undefined;
  return value.slice(PREFIX.length, -1);
}

/**
 * Each property value JSON-escaped without its quotes, so a value can never break out of the JSON
 * string it lands in. Kong's cjson also escapes `/` as `\/`; JSON.stringify does not, which parses
 * to the same text.
 */
function sanitise(properties: unknown): Outcome<ReadonlyMap<string, string>> {
  if (!isTable(properties)) return bad('properties must be an object');
  // A JSON array decodes to a Lua table with number keys: refused unless empty.
  if (Array.isArray(properties) && properties.length > 0) return bad('properties must be an object');
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(properties)) {
    if (typeof v !== 'string') return bad(`property values must be a string, got ${luaType(v)}`);
    out.set(k, JSON.stringify(v).slice(1, -1));
  }
  return ok(out);
}

/** The rendered body, or Kong's "missing template parameters" error. Like Lua's gsub, replaced text
 * is not scanned again, but the final scan for leftovers reads the whole result. */
function renderTemplate(template: PromptTemplate, properties: unknown): Outcome<string> {
  const props = sanitise(properties);
  if (!props.ok) return props;
  const rendered = template.template.replace(PLACEHOLDER, (whole, name: string) => props.value.get(name) ?? whole);
  const missing = [...new Set([...rendered.matchAll(PLACEHOLDER)].map((m) => m[1]))];
  if (missing.length > 0) return bad(`missing template parameters: ${missing.map((m) => `[${m}]`).join(', ')}`);
  return ok(rendered);
}

/**
 * The new raw body when the request names a template; `undefined` when it does not and untemplated
 * requests are allowed (the body stays as it is). `body` is the parsed JSON body, or `undefined`
 * when it did not parse.
 */
export function applyPromptTemplate(policy: PromptTemplatesPolicy, body: unknown): Outcome<string | undefined> {
  if (!isTable(body)) return bad(KONG_MESSAGES.notJson);
  const { messages, prompt } = body;
  if (luaTruthy(messages) && luaTruthy(prompt)) return bad("cannot run 'messages' and 'prompt' templates at the same time");
  const reference = luaTruthy(messages) ? messages : prompt;
  if (!luaTruthy(reference)) return bad("only 'llm/v1/chat' and 'llm/v1/completions' formats are supported for templating");
  const name = templateReference(reference);
  if (name === undefined) return policy.allowUntemplated ? ok(undefined) : bad('this LLM route only supports templated requests');
  const template = policy.templates.find((t) => t.name === name);
  if (!template) return bad(`could not find template name [${name}]`);
  return renderTemplate(template, luaTruthy(body.properties) ? body.properties : {});
}
