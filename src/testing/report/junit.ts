/** Test outcomes as JUnit XML, the format CI systems show as a test report: one `testsuite` per
 * config, one `testcase` per test, a `failure` with the differences, `skipped` with the reason. */
import type { TestOutcome } from '../run-tests.ts';
import { describeFailures, firstProblem } from './describe.ts';

const escape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitReport(suite: string, outcomes: readonly TestOutcome[]): string {
  const failures = outcomes.filter((o) => o.status === 'fail').length;
  const skipped = outcomes.filter((o) => o.status === 'skip').length;
  const time = seconds(outcomes.reduce((t, o) => t + o.durationMs, 0));
  const counts = `tests="${outcomes.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="aigate test" ${counts}>`, `  <testsuite name="${escape(suite)}" ${counts}>`];
  for (const o of outcomes) {
    const open = `    <testcase name="${escape(o.name)}" classname="${escape(suite)}" time="${seconds(o.durationMs)}"`;
    if (o.status === 'pass') {
      lines.push(`${open}/>`);
    } else if (o.status === 'skip') {
      lines.push(`${open}>`, `      <skipped message="${escape(o.reason ?? '')}"/>`, '    </testcase>');
    } else {
      lines.push(`${open}>`, `      <failure message="${escape(firstProblem(o.failures))}" type="expectation">${escape(describeFailures(o.failures).join('\n'))}</failure>`, '    </testcase>');
    }
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
