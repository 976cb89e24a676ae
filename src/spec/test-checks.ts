/** Checks on the tests written in a config: the routes, consumers and models they name exist. */
import { didYouMean, error, type Diagnostic, type PathSegment } from '../diagnostics/index.ts';
import type { GatewayConfigOutput } from './gateway.ts';
import type { TestCaseOutput } from './tests.ts';

function known(names: string[], name: string, path: PathSegment[], what: string, section: string): Diagnostic[] {
  if (names.includes(name)) return [];
  return [error('unknown_reference', path, `${what} "${name}" is not defined`, didYouMean(name, names) ?? `define it under ${section}`)];
}

export function checkTests(c: GatewayConfigOutput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const routes = Object.keys(c.routes);
  const consumers = Object.keys(c.consumers);
  const models = Object.keys(c.models);
  const names = new Map<string, number>();
  (c.tests as TestCaseOutput[]).forEach((t, i) => {
    const at: PathSegment[] = ['tests', i];
    const first = names.get(t.name);
    if (first !== undefined) out.push(error('duplicate_name', [...at, 'name'], `test "${t.name}" is also test ${first}`, 'give each test its own name'));
    else names.set(t.name, i);
    const single = t.request !== undefined || t.expect !== undefined || t.mock !== undefined || t.repeat !== undefined;
    if (single && t.steps) out.push(error('conflicting_options', [...at, 'steps'], 'a test has either steps or one request', 'move request, mock and expect into steps'));
    if (!single && !t.steps) out.push(error('missing_required', [...at, 'request'], 'a test needs a request (or steps)'));
    if (single && !t.steps && t.request === undefined) out.push(error('missing_required', [...at, 'request'], 'a test needs a request'));
    const steps = t.steps ? t.steps.map((s, j) => [s, [...at, 'steps', j]] as const) : t.request ? [[{ request: t.request, mock: t.mock, expect: t.expect ?? {} }, at] as const] : [];
    for (const [s, sp] of steps) {
      const r = s.request;
      const rp: PathSegment[] = [...sp, 'request'];
      if ((r.route === undefined) === (r.path === undefined)) out.push(error('conflicting_options', rp, 'a test request names a route or a path (one of them)'));
      if (r.route !== undefined) {
        out.push(...known(routes, r.route, [...rp, 'route'], 'route', 'routes'));
        const route = c.routes[r.route];
        const paths = route ? (route.paths ?? (route.path ? [route.path] : [])) : [];
        if (route && !paths.some((p) => !p.startsWith('~'))) out.push(error('missing_required', [...rp, 'path'], `route "${r.route}" has only regex paths`, 'give the request a path'));
      }
      if (r.consumer !== undefined) {
        out.push(...known(consumers, r.consumer, [...rp, 'consumer'], 'consumer', 'consumers'));
        if (c.consumers[r.consumer]?.keys.length === 0) out.push(error('missing_required', [...rp, 'consumer'], `consumer "${r.consumer}" has no key to send`, 'add keys to the consumer'));
      }
      if (r.consumer !== undefined && r.key !== undefined) out.push(error('conflicting_options', [...rp, 'key'], 'a request sends a consumer\'s key or a literal key, not both'));
      if (r.prompt !== undefined && r.body !== undefined) out.push(error('conflicting_options', [...rp, 'prompt'], 'a request has a prompt or a body, not both'));
      for (const m of Object.keys(s.mock ?? {})) out.push(...known(models, m, [...sp, 'mock', m], 'model', 'models'));
      if (s.expect?.servedBy !== undefined) out.push(...known(models, s.expect.servedBy, [...sp, 'expect', 'servedBy'], 'model', 'models'));
    }
  });
  return out;
}
