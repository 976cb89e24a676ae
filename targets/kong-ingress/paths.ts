/** A route's paths as Gateway API path matches: `~`-prefixed Kong regex paths become
 * RegularExpression (KIC adds the `~` back), the others PathPrefix. Paths the Gateway API would
 * refuse are reported, so a bad path fails the compile rather than the apply. */
import type { Route } from '../../src/model/index.ts';
import type { IngressContext } from './context.ts';
import type { PathMatch } from './kic-types.ts';

// HTTPRoute limits (gateway-api v1.6.1 CRD): value length, matches per rule.
const MAX_VALUE = 1024;
const MAX_MATCHES = 64;

// The CEL rules the HTTPRoute CRD puts on Exact/PathPrefix values.
const PREFIX_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;
const PREFIX_FORBIDDEN = ['//', '/./', '/../', '%2f', '%2F', '#'];

export function pathMatches(ctx: IngressContext, route: Route): PathMatch[] {
  if (route.paths.length > MAX_MATCHES) {
    ctx.report('unsupported_by_target', ['routes', route.name, 'paths'], `an HTTPRoute rule takes at most ${MAX_MATCHES} paths`, 'split the route into several routes');
  }
  const out: PathMatch[] = [];
  route.paths.forEach((path, i) => {
    const match = pathMatch(path);
    const problem = match.path.value.length > MAX_VALUE ? `is longer than ${MAX_VALUE} characters` : match.path.type === 'PathPrefix' ? prefixProblem(path) : undefined;
    if (problem === undefined) out.push(match);
    else ctx.report('unsupported_by_target', ['routes', route.name, 'paths', i], `the Gateway API refuses the path "${path}": it ${problem}`, 'change the path');
  });
  return out;
}

function pathMatch(path: string): PathMatch {
  return path.startsWith('~') ? { path: { type: 'RegularExpression', value: path.slice(1) } } : { path: { type: 'PathPrefix', value: path } };
}

function prefixProblem(value: string): string | undefined {
  if (!value.startsWith('/')) return 'does not start with /';
  const forbidden = PREFIX_FORBIDDEN.find((s) => value.includes(s));
  if (forbidden !== undefined) return `contains "${forbidden}"`;
  if (value.endsWith('/..') || value.endsWith('/.')) return 'ends in a dot segment';
  if (!PREFIX_CHARS.test(value)) return 'has characters a path prefix may not hold';
  return undefined;
}
