/** Child process of serve-compile.ts: compiles one config with the reference target, sends the Result back, and exits. */
import { emitTarget, loadModel } from '../../compile/index.ts';
import { error, type Result } from '../../diagnostics/index.ts';
import { findTarget } from '../targets.ts';
import type { ChildAnswer } from './serve-compile.ts';

async function compileReference(file: string): Promise<Result<string>> {
  const model = await loadModel(file);
  if (!model.ok) return model;
  const target = findTarget('reference');
  if (target === undefined) return { ok: false, diagnostics: [error('target_unknown', [], 'the reference target is not registered')] };
  const emitted = emitTarget(model.value, target);
  if (!emitted.ok) return emitted;
  const artefact = emitted.value[0];
  if (artefact === undefined) return { ok: false, diagnostics: [error('target_unknown', [], 'the reference target wrote no bundle')] };
  return { ok: true, value: artefact.content, warnings: [...model.warnings, ...emitted.warnings] };
}

// A throw is a bug, not a diagnostic: its message goes back so serve fails with it instead of hanging.
const answer: ChildAnswer = await compileReference(process.argv[2] ?? '').then(
  (result) => ({ result }),
  (e: unknown) => ({ thrown: e instanceof Error ? e.message : String(e) }),
);
// Exit rather than wait: recheck's worker thread would keep this process alive.
process.send?.(answer, () => process.exit(0));
