/** `aigate sync [config] --target <id>`: makes the live system match the config: server-side apply
 * (field manager `aigate`) in dependency order for Kubernetes, one `POST /config` for DB-less Kong,
 * a hot reload for the reference proxy. Prunes only what carries aigate's labels or tags. One line
 * per object as it goes. Exit 0: in sync; 2: anything failed (nothing is forced or half-pruned). */
import { diagnosticsToJson } from '../../diagnostics/index.ts';
import { createRedactor, formatEvent, formatFailure, type Failure, type SyncEvent } from '../../sync/index.ts';
import { EXIT, printDiagnostics } from '../exit.ts';
import { processIo, redacting, type CommandIo } from '../io.ts';
import { connectLive, type LiveOptions } from '../live.ts';

export interface SyncOptions extends LiveOptions {
  readonly dryRun: boolean;
  readonly format: 'text' | 'json';
}

export async function syncCommand(file: string, opts: SyncOptions, baseIo: CommandIo = processIo()): Promise<number> {
  const redactor = createRedactor();
  const io = redacting(baseIo, redactor);
  const live = await connectLive(file, opts, io, redactor);
  if (!live.ok) {
    printDiagnostics(io, live.diagnostics, opts.format);
    return EXIT.invalid;
  }
  const { plan, executor, where, warnings } = live.value;
  const text = opts.format === 'text';
  if (text) {
    printDiagnostics(io, warnings, 'text');
    io.err(`syncing ${opts.target} to ${where}${opts.dryRun ? ' (dry run: nothing is changed)' : ''}\n`);
  }

  const events: SyncEvent[] = [];
  let failures: readonly Failure[] = live.value.failures;
  // An object the server refused while planning stops the whole sync: applying the rest would
  // leave a half-updated gateway, and a conflict must never be forced without --force-conflicts.
  if (failures.length === 0) {
    failures = await executor.execute(plan, {
      dryRun: opts.dryRun,
      report: (e) => {
        events.push(e);
        if (text) io.out(`${formatEvent(e)}\n`);
      },
    });
  }

  const count = (o: SyncEvent['outcome']) => events.filter((e) => e.outcome === o).length;
  const summary = { created: count('created'), configured: count('configured'), pruned: count('pruned'), unchanged: count('unchanged'), failed: failures.length };
  if (text) {
    for (const f of failures) io.err(`${formatFailure(f)}\n`);
    const line = `${summary.created} created, ${summary.configured} configured, ${summary.pruned} pruned, ${summary.unchanged} unchanged`;
    if (failures.length > 0) io.err(`sync failed: ${failures.length} object${failures.length === 1 ? '' : 's'} not synced (${line})\n`);
    else io.out(`${opts.dryRun ? 'dry run: ' : ''}${line}\n`);
  } else {
    const json = { target: opts.target, where, dryRun: opts.dryRun, events, failures, summary, warnings: JSON.parse(diagnosticsToJson(warnings)) as unknown };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
  }
  return failures.length > 0 ? EXIT.invalid : EXIT.ok;
}
