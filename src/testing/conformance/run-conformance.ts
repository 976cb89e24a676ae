/** The conformance engine: runs every case a gateway declares the features for, each on a fresh
 * gateway state, and skips the rest with the reason. The order is the cases' names, so reports
 * compare byte for byte between runs. */
import { formatDiagnostics, type Diagnostic } from '../../diagnostics/index.ts';
import type { Feature } from '../../model/index.ts';
import type { GatewayUnderTest } from '../gateway.ts';
import { startHarness, type Harness } from '../harness.ts';
import { runSteps, type StepFailure } from '../run-tests.ts';
import { runStep } from '../step.ts';
import { testModel } from '../test-model.ts';
import { buildCase, type BuiltCase } from './build-case.ts';
import type { ConformanceCase } from './case.ts';

export interface SkipRule {
  readonly reason: string;
  readonly cases: readonly string[];
}

export interface CaseResult {
  readonly name: string;
  readonly description: string;
  readonly features: readonly Feature[];
  readonly status: 'pass' | 'fail' | 'skip';
  /** Why it was skipped, or why it could not run. */
  readonly reason?: string;
  readonly failures: readonly StepFailure[];
  /** A known difference of this gateway, explained (shown with a failure). */
  readonly note?: string;
  readonly durationMs: number;
}

export interface ConformanceOptions {
  readonly cases: readonly ConformanceCase[];
  readonly gateway: GatewayUnderTest;
  /** Where case config paths are relative to. */
  readonly root: string;
  readonly skip?: readonly SkipRule[];
  /** Case name → what this gateway does differently, for the report. */
  readonly notes?: Readonly<Record<string, string>>;
  readonly filter?: string;
  readonly harness?: Harness;
  readonly onResult?: (r: CaseResult) => void;
  /** Per request. @default 30000 */
  readonly timeoutMs?: number;
}

export interface ConformanceRun {
  readonly gateway: string;
  readonly results: readonly CaseResult[];
}

interface Runnable {
  readonly c: ConformanceCase;
  readonly built: BuiltCase;
}

export async function runConformanceCases(options: ConformanceOptions): Promise<ConformanceRun> {
  const { gateway } = options;
  const wanted = options.filter?.toLowerCase();
  const cases = [...options.cases].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).filter((c) => wanted === undefined || c.name.toLowerCase().includes(wanted));
  const results = new Map<string, CaseResult>();
  const base = (c: ConformanceCase) => ({ name: c.name, description: c.description, features: c.features, failures: [], durationMs: 0 });
  const done = (r: CaseResult) => {
    results.set(r.name, r);
    options.onResult?.(r);
  };

  const runnable: Runnable[] = [];
  for (const c of cases) {
    const missing = c.features.filter((f) => !gateway.features.has(f));
    const reason = options.skip?.find((s) => s.cases.includes(c.name))?.reason ?? c.known?.[gateway.id]?.skip;
    if (missing.length > 0) done({ ...base(c), status: 'skip', reason: `${gateway.id} does not declare ${missing.join(', ')}` });
    else if (reason !== undefined) done({ ...base(c), status: 'skip', reason });
    else {
      const built = await buildCase(c, options.root);
      if (built.ok) runnable.push({ c, built: built.value });
      else done({ ...base(c), status: 'fail', reason: `the case's config does not build:\n${plain(built.diagnostics)}` });
    }
  }

  const harness = options.harness ?? (await startHarness());
  try {
    const prepared = runnable.map((r) => ({ ...r, test: testModel(r.built.model) }));
    if (gateway.begin) {
      const begun = await gateway.begin(prepared.map((p) => ({ name: p.c.name, model: p.test.model })), harness.front);
      if (!begun.ok) {
        for (const { c } of prepared) done({ ...base(c), status: 'fail', reason: `${gateway.id} could not be set up:\n${plain(begun.diagnostics)}` });
        prepared.length = 0;
      } else {
        for (const [name, reason] of begun.value.skipped) {
          const p = prepared.find((x) => x.c.name === name);
          if (p) done({ ...base(p.c), status: 'skip', reason });
        }
        const left = prepared.filter((p) => !begun.value.skipped.has(p.c.name));
        prepared.splice(0, prepared.length, ...left);
      }
    }
    for (const { c, built, test } of prepared) {
      const started = performance.now();
      harness.front.reset();
      const gw = await gateway.prepare(test.model, { front: harness.front, env: test.env, caseName: c.name });
      if (!gw.ok) {
        // A feature the table allows but this config's details do not (e.g. Portkey's decorator
        // with appended messages) is a skip with the compiler's words; anything else is a failure.
        const unsupported = gw.diagnostics.filter((d) => d.severity === 'error').every((d) => d.code === 'unsupported_by_target');
        done({ ...base(c), status: unsupported ? 'skip' : 'fail', reason: `${gateway.id} cannot run this config:\n${plain(gw.diagnostics)}` });
        continue;
      }
      let failures: StepFailure[];
      try {
        const keyFor = (name: string) => gw.value.keyFor?.(name) ?? test.keyFor(name);
        const ctx = { gateway: gw.value, front: harness.front, client: harness.client, model: test.model, keyFor, ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) };
        failures = await runSteps(built.steps, (s) => runStep(ctx, s));
      } finally {
        await gw.value.close();
      }
      const note = options.notes?.[c.name] ?? c.known?.[gateway.id]?.note;
      done({
        ...base(c),
        status: failures.length > 0 ? 'fail' : 'pass',
        failures,
        ...(failures.length > 0 && note !== undefined && { note }),
        durationMs: Math.round(performance.now() - started),
      });
    }
  } finally {
    if (options.harness === undefined) await harness.close();
    await gateway.close();
  }
  return { gateway: gateway.id, results: cases.map((c) => results.get(c.name)).filter((r): r is CaseResult => r !== undefined) };
}

function plain(diagnostics: readonly Diagnostic[]): string {
  return formatDiagnostics(diagnostics, { color: false }).trimEnd();
}
