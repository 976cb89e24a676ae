/** `aigate diff [config] --target <id>`: what a sync would change in the live system, as a unified
 * diff (colored on a terminal) or JSON. The dry run of the same plan `sync` executes.
 * Exit 0: no changes; 1: changes; 2: an error (including an object the server would refuse). */
import { diagnosticsToJson } from '../../diagnostics/index.ts';
import { createRedactor, formatFailure, hasChanges, planToJson, renderPlanText } from '../../sync/index.ts';
import { EXIT, printDiagnostics } from '../exit.ts';
import { processIo, redacting, type CommandIo } from '../io.ts';
import { connectLive, type LiveOptions } from '../live.ts';

export interface DiffOptions extends LiveOptions {
  readonly format: 'text' | 'json';
}

export const DIFF_EXIT = { none: EXIT.ok, changes: 1, error: EXIT.invalid } as const;

export async function diffCommand(file: string, opts: DiffOptions, baseIo: CommandIo = processIo()): Promise<number> {
  const redactor = createRedactor();
  const io = redacting(baseIo, redactor);
  const live = await connectLive(file, opts, io, redactor);
  if (!live.ok) {
    printDiagnostics(io, live.diagnostics, opts.format);
    return DIFF_EXIT.error;
  }
  const { plan, failures, secretFields, warnings } = live.value;
  if (opts.format === 'json') {
    const json = { target: opts.target, where: live.value.where, ...planToJson(plan, { secretFields }), failures, warnings: JSON.parse(diagnosticsToJson(warnings)) as unknown };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    printDiagnostics(io, warnings, 'text');
    io.out(renderPlanText(plan, { color: io.color, secretFields }));
    for (const f of failures) io.err(`${formatFailure(f)}\n`);
  }
  if (failures.length > 0) return DIFF_EXIT.error;
  return hasChanges(plan) ? DIFF_EXIT.changes : DIFF_EXIT.none;
}
