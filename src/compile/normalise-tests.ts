/** Tests from the user's shape to the model's: routes become paths, prompts become bodies, a
 * single request becomes a one-step test. Runs only on a config that passed every check. */
import type { MockReply, TestCase, TestStep } from '../model/index.ts';
import type { GatewayConfigOutput, TestCaseOutput, TestStepOutput } from '../spec/index.ts';

type StepInput = Pick<TestStepOutput, 'request' | 'mock'> & { expect?: TestStepOutput['expect'] | undefined; repeat?: number | undefined };

function step(s: StepInput, c: GatewayConfigOutput): TestStep {
  const r = s.request;
  const route = r.route === undefined ? undefined : c.routes[r.route];
  const routePath = route && (route.paths ?? (route.path ? [route.path] : [])).find((p) => !p.startsWith('~'));
  const body = r.prompt !== undefined ? { messages: [{ role: 'user', content: r.prompt }] } : r.body;
  const mock: Record<string, readonly MockReply[]> = {};
  for (const [model, replies] of Object.entries(s.mock ?? {})) mock[model] = Array.isArray(replies) ? replies : [replies];
  return {
    request: {
      path: r.path ?? routePath ?? '/',
      ...(r.consumer !== undefined && { consumer: r.consumer }),
      ...(r.key !== undefined && { key: r.key }),
      headers: r.headers,
      ...(body !== undefined && { body }),
    },
    mock,
    expect: s.expect ?? {},
    repeat: s.repeat ?? 1,
  };
}

export function toTests(c: GatewayConfigOutput): TestCase[] {
  return (c.tests as TestCaseOutput[]).map((t) => ({
    name: t.name,
    steps: t.steps
      ? t.steps.map((s) => step(s, c))
      : t.request
        ? [step({ request: t.request, mock: t.mock, expect: t.expect, repeat: t.repeat }, c)]
        : [],
  }));
}
