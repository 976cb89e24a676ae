/** `aigate test`'s engine: runs the tests written in a config against a gateway (the reference
 * proxy), each test on a fresh gateway state, its steps in order on the same state (so counters
 * and caches carry over between steps), and reports one outcome per test. */
import type { Diagnostic, Result } from '../diagnostics/index.ts';
import type { GatewayModel, TestCase } from '../model/index.ts';
import type { GatewayUnderTest } from './gateway.ts';
import { startHarness, type Harness } from './harness.ts';
import type { Mismatch } from './match.ts';
import { runnable, runStep, type RunnableStep } from './step.ts';
import { testModel } from './test-model.ts';

export interface StepFailure {
  /** 1-based. */
  readonly step: number;
  /** How many steps the test has (a one-step test prints no step number). */
  readonly of: number;
  readonly mismatches: readonly Mismatch[];
}

export interface TestOutcome {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly failures: readonly StepFailure[];
  /** Why a skipped test was skipped. */
  readonly reason?: string;
  readonly durationMs: number;
}

export interface RunTestsOptions {
  readonly model: GatewayModel;
  readonly tests: readonly TestCase[];
  readonly gateway: GatewayUnderTest;
  /** Only tests whose name contains this (case-insensitive). */
  readonly filter?: string;
  /** A running harness to reuse; else one is started and stopped. */
  readonly harness?: Harness;
  /** Called as each test finishes, for live output. */
  readonly onOutcome?: (o: TestOutcome) => void;
}

/** Fails (with the compile diagnostics) only when the config cannot run on the gateway at all. */
export async function runTests(options: RunTestsOptions): Promise<Result<TestOutcome[]>> {
  const wanted = options.filter?.toLowerCase();
  const tests = options.tests.filter((t) => wanted === undefined || t.name.toLowerCase().includes(wanted));
  const prepared = testModel(options.model);
  const harness = options.harness ?? (await startHarness());
  const outcomes: TestOutcome[] = [];
  // What compiling for the gateway warned about, once (every test compiles the same model).
  let warnings: readonly Diagnostic[] = [];
  try {
    for (const test of tests) {
      const started = performance.now();
      harness.front.reset();
      const gateway = await options.gateway.prepare(prepared.model, { front: harness.front, env: prepared.env });
      if (!gateway.ok) return gateway;
      if (outcomes.length === 0) warnings = gateway.warnings;
      let failures: StepFailure[];
      try {
        failures = await runSteps(test.steps.map(runnable), async (s) =>
          runStep({ gateway: gateway.value, front: harness.front, client: harness.client, model: prepared.model, keyFor: prepared.keyFor }, s),
        );
      } finally {
        await gateway.value.close();
      }
      const outcome: TestOutcome = { name: test.name, status: failures.length > 0 ? 'fail' : 'pass', failures, durationMs: Math.round(performance.now() - started) };
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  } finally {
    if (options.harness === undefined) await harness.close();
  }
  return { ok: true, value: outcomes, warnings };
}

/** Steps in order; the first failing step ends the test, since later steps build on it. */
export async function runSteps(steps: readonly RunnableStep[], run: (s: RunnableStep) => Promise<Mismatch[]>): Promise<StepFailure[]> {
  for (const [i, s] of steps.entries()) {
    let mismatches: Mismatch[];
    try {
      mismatches = await run(s);
    } catch (e) {
      mismatches = [{ path: 'step', expected: 'to run', actual: String(e), message: `the step could not run: ${(e as Error).message ?? String(e)}` }];
    }
    if (mismatches.length > 0) return [{ step: i + 1, of: steps.length, mismatches }];
  }
  return [];
}
