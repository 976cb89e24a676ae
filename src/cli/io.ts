/** Where diff and sync write: stdout for the plan and progress, stderr for problems, both through
 * the sync's redactor, so no secret value read during the run can be printed, whatever a server
 * echoes back. Tests pass their own `CommandIo` to capture output. */
import type { Environment, Redactor } from '../sync/index.ts';
import { useColor } from './exit.ts';

export interface CommandIo {
  /** Where secrets, KUBECONFIG and HOME are read. */
  readonly env: Environment;
  /** Color stdout (a terminal, no NO_COLOR). */
  readonly color: boolean;
  out(text: string): void;
  err(text: string): void;
}

export function processIo(): CommandIo {
  return {
    env: process.env,
    color: useColor(process.stdout),
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
  };
}

export function redacting(io: CommandIo, redactor: Redactor): CommandIo {
  return { env: io.env, color: io.color, out: (t) => io.out(redactor.redact(t)), err: (t) => io.err(redactor.redact(t)) };
}
