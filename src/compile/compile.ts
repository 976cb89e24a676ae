/** The pipeline: loaded value → checked spec → model → target artefacts. Returns every
 * diagnostic at once; only the CLI decides what to print and how to exit. */
import { error, hasErrors, resultOf, type Diagnostic, type Result } from '../diagnostics/index.ts';
import type { Artefact, Target } from '../emit/index.ts';
import { loadConfig } from '../load/index.ts';
import { usedFeatures, type GatewayModel } from '../model/index.ts';
import { parseGateway } from '../spec/index.ts';
import { normalise } from './normalise.ts';

/** Checks a config value (already loaded) and builds the model. */
export function buildModel(value: unknown, file?: string): Result<GatewayModel> {
  const parsed = parseGateway(value);
  const diagnostics = file === undefined ? parsed.diagnostics : parsed.diagnostics.map((d) => ({ ...d, file }));
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  return resultOf(normalise(parsed.config), diagnostics);
}

/** Loads a config file, checks it and builds the model. */
export async function loadModel(file: string): Promise<Result<GatewayModel>> {
  const loaded = await loadConfig(file);
  if (!loaded.ok) return loaded;
  const built = buildModel(loaded.value.value, loaded.value.file);
  if (loaded.warnings.length === 0) return built;
  return built.ok
    ? { ...built, warnings: [...loaded.warnings, ...built.warnings] }
    : { ok: false, diagnostics: [...loaded.warnings, ...built.diagnostics] };
}

/** Features the model uses that the target cannot express, as diagnostics with paths. */
export function unsupportedFeatures(model: GatewayModel, target: Target): Diagnostic[] {
  return usedFeatures(model)
    .filter((u) => !target.features.has(u.feature))
    .map((u) => ({
      ...error('unsupported_by_target', u.path, `the ${target.id} target cannot express ${u.what}`, `remove it, or compile for a target that supports "${u.feature}"`),
      target: target.id,
    }));
}

export function emitTarget(model: GatewayModel, target: Target): Result<readonly Artefact[]> {
  const missing = unsupportedFeatures(model, target);
  const emitted = target.emit(model);
  const diagnostics = [...missing, ...(emitted.ok ? emitted.warnings : emitted.diagnostics)];
  return resultOf(emitted.ok ? emitted.value : [], diagnostics);
}
