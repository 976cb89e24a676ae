/** The shared conformance suite: every case in ./cases, run against one gateway. Each gateway's
 * runner is a few lines calling `runConformance` (reference.test.ts in `npm test`; Portkey through
 * `npm run conformance:portkey`). Not a test file itself. */
import { join } from 'node:path';
import { gatewayFor, gatewayReport, PACKAGE_ROOT } from '../../src/cli/commands/conformance.ts';
import { processIo } from '../../src/cli/io.ts';
import { loadCases } from '../../src/testing/conformance/load-cases.ts';
import type { ReportFiles } from '../../src/testing/conformance/report.ts';
import { runConformanceCases, type ConformanceRun, type SkipRule } from '../../src/testing/conformance/run-conformance.ts';

export const CASES_DIR = join(import.meta.dirname, 'cases');
export const REPORTS_DIR = join(import.meta.dirname, 'reports');

export interface RunConformanceOptions {
  /** `reference`, `portkey`, or a URL. */
  readonly gateway: string;
  /** Cases to skip on this run, with the reason. */
  readonly skip?: readonly SkipRule[];
  readonly filter?: string;
}

export async function runConformance(options: RunConformanceOptions): Promise<ConformanceRun & { readonly report: ReportFiles }> {
  const cases = await loadCases(CASES_DIR);
  if (!cases.ok) throw new Error(cases.diagnostics.map((d) => d.message).join('\n'));
  const gateway = gatewayFor(options.gateway, { deckOut: 'aigate-conformance.deck.yaml', wait: false }, processIo());
  if (!('prepare' in gateway)) throw new Error(gateway.message);
  const run = await runConformanceCases({
    cases: cases.value,
    gateway,
    root: PACKAGE_ROOT,
    ...(options.skip && { skip: options.skip }),
    ...(options.filter !== undefined && { filter: options.filter }),
  });
  return { ...run, report: gatewayReport(run, options.gateway, gateway.features) };
}
