/** Test outcomes as a person reads them in a terminal: ✔/✖ per test, the differences under a
 * failed one, a summary line. */
import type { TestOutcome } from '../run-tests.ts';
import { describeFailures } from './describe.ts';

export interface PrettyOptions {
  readonly color: boolean;
}

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

export function prettyOutcome(o: TestOutcome, { color }: PrettyOptions): string {
  const time = paint(color, 2, `(${o.durationMs} ms)`);
  if (o.status === 'skip') return `${paint(color, 33, '-')} ${o.name} ${paint(color, 2, `# skipped: ${o.reason ?? ''}`)}\n`;
  if (o.status === 'pass') return `${paint(color, 32, '✔')} ${o.name} ${time}\n`;
  const lines = describeFailures(o.failures).map((l) => `    ${l}`);
  return `${paint(color, 31, '✖')} ${o.name} ${time}\n${lines.join('\n')}\n`;
}

export function prettySummary(outcomes: readonly TestOutcome[], { color }: PrettyOptions): string {
  const failed = outcomes.filter((o) => o.status === 'fail').length;
  const passed = outcomes.filter((o) => o.status === 'pass').length;
  const skipped = outcomes.length - failed - passed;
  const parts = [`${outcomes.length} test${outcomes.length === 1 ? '' : 's'}`, paint(color, 32, `${passed} passed`)];
  if (failed > 0) parts.push(paint(color, 31, `${failed} failed`));
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return `\n${parts.join(', ')}\n`;
}
