/** `aigate validate [config]`: every problem in a config, at once. */
import { findTarget, TARGETS, unknownTarget } from '../targets.ts';
import { emitTarget, loadModel } from '../../compile/index.ts';
import { hasErrors, type Diagnostic } from '../../diagnostics/index.ts';
import { EXIT, report, type OutputOptions } from '../exit.ts';

export interface ValidateOptions extends OutputOptions {
  /** Also check the config compiles for these targets. */
  readonly targets: readonly string[];
  readonly env?: string;
}

export async function validateCommand(file: string, opts: ValidateOptions): Promise<number> {
  const unknown = opts.targets.filter((id) => findTarget(id) === undefined);
  if (unknown.length > 0) {
    report(unknown.map(unknownTarget), opts);
    return EXIT.invalid;
  }
  const result = await loadModel(file, opts.env === undefined ? {} : { env: opts.env });
  if (!result.ok) {
    report(result.diagnostics, opts);
    return EXIT.invalid;
  }
  const diagnostics: Diagnostic[] = [...result.warnings];
  for (const target of TARGETS.filter((t) => opts.targets.includes(t.id))) {
    const emitted = emitTarget(result.value, target);
    diagnostics.push(...(emitted.ok ? emitted.warnings : emitted.diagnostics));
  }
  report(diagnostics, opts);
  const failed = hasErrors(diagnostics);
  if (!failed && opts.format === 'text') process.stderr.write(`✔ ${file} is valid\n`);
  return failed ? EXIT.invalid : EXIT.ok;
}
