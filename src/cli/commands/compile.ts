/** `aigate compile [config] --target <id>`: writes a target's files, or checks they are fresh. */
import { emitTarget, loadModel } from '../../compile/index.ts';
import { error } from '../../diagnostics/index.ts';
import { EXIT, report, type OutputOptions } from '../exit.ts';
import { findTarget, unknownTarget } from '../targets.ts';
import { place, staleFiles, writeOutputs } from '../write.ts';

export interface CompileOptions extends OutputOptions {
  readonly target: string;
  readonly out?: string;
  readonly check: boolean;
  readonly env?: string;
}

export async function compileCommand(file: string, opts: CompileOptions): Promise<number> {
  const target = findTarget(opts.target);
  if (!target) {
    report([unknownTarget(opts.target)], opts);
    return EXIT.invalid;
  }
  const model = await loadModel(file, opts.env === undefined ? {} : { env: opts.env });
  if (!model.ok) {
    report(model.diagnostics, opts);
    return EXIT.invalid;
  }
  const emitted = emitTarget(model.value, target);
  if (!emitted.ok) {
    report(emitted.diagnostics, opts);
    return EXIT.invalid;
  }
  report([...model.warnings, ...emitted.warnings], opts);

  if (opts.out === '-') {
    for (const a of emitted.value) process.stdout.write(a.content);
    return EXIT.ok;
  }
  const files = place(emitted.value, opts.out);
  if (opts.check) {
    const stale = staleFiles(files);
    if (stale.length === 0) return EXIT.ok;
    report(stale.map((f) => error('output_stale', [], `${f} is out of date`, `run aigate compile --target ${target.id} to update it`)), opts);
    return EXIT.stale;
  }
  const failed = writeOutputs(files, 'the output');
  if (failed) {
    report([failed], opts);
    return EXIT.invalid;
  }
  if (opts.format === 'text') for (const f of files) process.stderr.write(`wrote ${f.file}\n`);
  return EXIT.ok;
}
