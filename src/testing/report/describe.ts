/** How one mismatch reads in every report format: the path, then what was expected and what came,
 * each on its own line so long values stay readable. */
import { show, type Mismatch } from '../match.ts';
import type { StepFailure } from '../run-tests.ts';

const small = (v: unknown) => typeof v === 'boolean' || typeof v === 'number' || v === null;

export function describeMismatch(m: Mismatch): string[] {
  const head = m.message === undefined ? `${m.path}:` : `${m.path}: ${m.message}`;
  // A message about two small values already says both ("expected 2 upstream calls, got 3").
  if (m.message !== undefined && small(m.expected) && small(m.actual)) return [head];
  if (m.message === 'missing') return [head, `  expected: ${show(m.expected)}`];
  return [head, `  expected: ${show(m.expected)}`, `  actual:   ${show(m.actual)}`];
}

/** Every line of a test's failures, steps named when the test has more than one. */
export function describeFailures(failures: readonly StepFailure[]): string[] {
  return failures.flatMap((f) => [...(f.of > 1 ? [`step ${f.step} of ${f.of}`] : []), ...f.mismatches.flatMap(describeMismatch)]);
}

/** One line, for XML attributes and TAP descriptions. */
export function firstProblem(failures: readonly StepFailure[]): string {
  const f = failures[0];
  const m = f?.mismatches[0];
  if (f === undefined || m === undefined) return 'failed';
  const where = f.of > 1 ? `step ${f.step}: ` : '';
  return `${where}${m.path}: ${m.message ?? `expected ${show(m.expected, 80)}, got ${show(m.actual, 80)}`}`;
}
