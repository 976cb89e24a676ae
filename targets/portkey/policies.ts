/** The policies Portkey can carry, per route: the prompt guard as a guardrail hook of
 * `default.regexMatch` checks, a decorator's prepended system messages as `default.addPrefix`
 * mutator hooks, and the cache as `cache.mode: simple`. Anything else a route's policies hold is
 * refused by the feature table; what these three cannot say is reported here, at its path. */
import { error, type Diagnostic, type PathSegment } from '../../src/diagnostics/index.ts';
import type { CachePolicy, PromptDecoratorPolicy, PromptGuardPolicy } from '../../src/model/index.ts';
import type { PortkeyConfig, PortkeyHook } from './portkey-types.ts';

const ID = 'portkey';
const warn = (path: readonly PathSegment[], message: string, hint?: string): Diagnostic => ({
  code: 'unsupported_by_target',
  severity: 'warning',
  path,
  message,
  ...(hint !== undefined && { hint }),
  target: ID,
});
const refuse = (path: readonly PathSegment[], message: string, hint?: string): Diagnostic => ({ ...error('unsupported_by_target', path, message, hint), target: ID });

export function guardHook(g: PromptGuardPolicy, path: readonly PathSegment[], problems: Diagnostic[]): PortkeyHook {
  // With history 'latest' the two agree in practice: Kong reads the latest user message, Portkey
  // the latest message, which is the user's in a chat request.
  if (!g.latestOnly) {
    problems.push(warn(path, "Portkey's regexMatch reads only the latest message; the guard checks the whole conversation", "history: 'latest' says what Portkey does"));
  }
  const checks = [
    // A deny pattern passes when it does not match; all checks must pass.
    ...g.deny.map((rule) => ({ id: 'default.regexMatch', parameters: { rule, not: true } })),
    ...(g.allow.length > 0 ? [{ id: 'default.regexMatch', parameters: { rule: g.allow.map((p) => `(?:${p})`).join('|'), not: false } }] : []),
  ];
  return { id: 'aigate-prompt-guard', type: 'guardrail', deny: true, async: false, checks };
}

/** addPrefix with `applyToRole: system, addToExisting: false` inserts a system message before the
 * first one (or first of all); inserting the last prepended message first keeps Kong's order. */
export function decoratorHooks(d: PromptDecoratorPolicy, path: readonly PathSegment[], problems: Diagnostic[]): PortkeyHook[] {
  if (d.append.length > 0) problems.push(refuse([...path, 'append'], "Portkey's addPrefix mutator cannot append messages", 'prepend a system message instead'));
  d.prepend.forEach((m, i) => {
    if (m.role !== 'system') problems.push(refuse([...path, 'prepend', i], `Portkey's addPrefix mutator can insert a ${m.role} message only after the system prompt, not before every message`, "prepend with role 'system'"));
  });
  return [...d.prepend].reverse().map((m, i) => ({
    id: `aigate-prompt-decorator-${d.prepend.length - i}`,
    type: 'mutator' as const,
    async: false,
    checks: [{ id: 'default.addPrefix', parameters: { prefix: m.content, applyToRole: 'system', addToExisting: false } }],
  }));
}

export function cacheOf(c: CachePolicy, path: readonly PathSegment[], problems: Diagnostic[]): NonNullable<PortkeyConfig['cache']> {
  if (c.cacheControl) problems.push(refuse([...path, 'cacheControl'], "Portkey's simple cache does not read the client's Cache-Control", 'remove cacheControl'));
  return { mode: 'simple', max_age: c.ttlSeconds };
}
