/** `aigate targets`: the targets aigate compiles to, one per line. */
import { EXIT } from '../exit.ts';
import { TARGETS } from '../targets.ts';

export function targetsCommand(): number {
  const width = Math.max(...TARGETS.map((t) => t.id.length));
  for (const t of TARGETS) process.stdout.write(`${t.id.padEnd(width)}  ${t.description}\n`);
  return EXIT.ok;
}
