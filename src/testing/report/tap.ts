/** Test outcomes as TAP version 13: one `ok` / `not ok` line per test, the differences of a
 * failure in a YAML block, skips as `# SKIP`. */
import type { TestOutcome } from '../run-tests.ts';
import { describeFailures, firstProblem } from './describe.ts';

export function tapReport(outcomes: readonly TestOutcome[]): string {
  const lines = ['TAP version 13', `1..${outcomes.length}`];
  outcomes.forEach((o, i) => {
    const name = o.name.replace(/#/g, '\\#');
    if (o.status === 'skip') return void lines.push(`ok ${i + 1} - ${name} # SKIP ${o.reason ?? ''}`.trimEnd());
    if (o.status === 'pass') return void lines.push(`ok ${i + 1} - ${name}`);
    lines.push(`not ok ${i + 1} - ${name}`, '  ---', `  message: ${JSON.stringify(firstProblem(o.failures))}`, '  details: |');
    for (const l of describeFailures(o.failures)) lines.push(`    ${l}`);
    lines.push(`  duration_ms: ${o.durationMs}`, '  ...');
  });
  return `${lines.join('\n')}\n`;
}
