/** `aigate test [config]`: runs the tests written in the config on the reference proxy against the
 * mock providers, offline and without credentials. Prints ✔/✖ per test with the differences
 * (or TAP 13 with --tap), writes JUnit XML with --junit, and exits 0 when every test passed, 1
 * when one failed, 2 when the config cannot be loaded or run. */
import { loadProject } from '../../compile/index.ts';
import { error } from '../../diagnostics/index.ts';
import { junitReport, prettyOutcome, prettySummary, referenceGateway, runTests, tapReport, type TestOutcome } from '../../testing/index.ts';
import { processIo, type CommandIo } from '../io.ts';
import { EXIT, printDiagnostics } from '../exit.ts';
import { findTarget } from '../targets.ts';
import { writeOutputs } from '../write.ts';

export interface TestCommandOptions {
  readonly env?: string;
  /** TAP 13 on stdout instead of the human report. */
  readonly tap: boolean;
  /** Also write JUnit XML here. */
  readonly junit?: string;
  /** Only tests whose name contains this. */
  readonly filter?: string;
}

/** A test failed; `EXIT.invalid` (2) stays for configs that cannot run. */
export const TESTS_FAILED = 1;

export async function testCommand(file: string, opts: TestCommandOptions, io: CommandIo = processIo()): Promise<number> {
  const project = await loadProject(file, opts.env === undefined ? {} : { env: opts.env });
  if (!project.ok) {
    printDiagnostics(io, project.diagnostics, 'text');
    return EXIT.invalid;
  }
  printDiagnostics(io, project.warnings, 'text');
  const target = findTarget('reference');
  if (target === undefined) {
    printDiagnostics(io, [error('target_unknown', [], 'the reference target is not registered')], 'text');
    return EXIT.invalid;
  }
  const { model, tests } = project.value;
  if (tests.length === 0) {
    io.err(`no tests in ${file}: add a \`tests\` list to the config (see README, "aigate test")\n`);
    return EXIT.ok;
  }
  const pretty = { color: io.color };
  const result = await runTests({
    model,
    tests,
    gateway: referenceGateway({ target }),
    ...(opts.filter !== undefined && { filter: opts.filter }),
    ...(!opts.tap && { onOutcome: (o: TestOutcome) => io.out(prettyOutcome(o, pretty)) }),
  });
  if (!result.ok) {
    printDiagnostics(io, result.diagnostics.map((d) => ({ ...d, file })), 'text');
    return EXIT.invalid;
  }
  const outcomes = result.value;
  printDiagnostics(io, result.warnings.map((d) => ({ ...d, file })), 'text');
  if (opts.tap) io.out(tapReport(outcomes));
  else io.out(prettySummary(outcomes, pretty));
  if (outcomes.length === 0) io.err(`no test matches --filter ${JSON.stringify(opts.filter)}\n`);
  if (opts.junit !== undefined) {
    const failed = writeOutputs([{ file: opts.junit, content: junitReport(model.name, outcomes) }], `the JUnit report ${opts.junit}`);
    if (failed) {
      printDiagnostics(io, [failed], 'text');
      return EXIT.invalid;
    }
  }
  return outcomes.some((o) => o.status === 'fail') ? TESTS_FAILED : EXIT.ok;
}
