/** The pipeline: loaded value → checked spec → model → target artefacts. Returns every
 * diagnostic at once; only the CLI decides what to print and how to exit. */
import { error, hasErrors, resultOf, type Diagnostic, type Result } from '../diagnostics/index.ts';
import type { Artefact, Target } from '../emit/index.ts';
import { loadConfig } from '../load/index.ts';
import { usedFeatures, type GatewayModel, type TestCase } from '../model/index.ts';
import { parseGateway } from '../spec/index.ts';
import { normalise } from './normalise.ts';
import { toTests } from './normalise-tests.ts';

export interface BuildOptions {
  /** Apply this environment's overrides (`environments.<env>`) first. */
  readonly env?: string;
}

/** The model and the tests written beside it, for `aigate test`. */
export interface Project {
  readonly model: GatewayModel;
  readonly tests: readonly TestCase[];
}

export function buildProject(value: unknown, file?: string, options: BuildOptions = {}): Result<Project> {
  const parsed = parseGateway(value, options);
  const diagnostics = file === undefined ? parsed.diagnostics : parsed.diagnostics.map((d) => ({ ...d, file }));
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  return resultOf({ model: normalise(parsed.config), tests: toTests(parsed.config) }, diagnostics);
}

export async function loadProject(file: string, options: BuildOptions = {}): Promise<Result<Project>> {
  const loaded = await loadConfig(file);
  if (!loaded.ok) return loaded;
  const built = buildProject(loaded.value.value, loaded.value.file, options);
  return withLoadWarnings(built, loaded.warnings);
}

function withLoadWarnings<T>(built: Result<T>, warnings: readonly Diagnostic[]): Result<T> {
  if (warnings.length === 0) return built;
  return built.ok ? { ...built, warnings: [...warnings, ...built.warnings] } : { ok: false, diagnostics: [...warnings, ...built.diagnostics] };
}

/** Checks a config value (already loaded) and builds the model. */
export function buildModel(value: unknown, file?: string, options: BuildOptions = {}): Result<GatewayModel> {
  const built = buildProject(value, file, options);
  return built.ok ? { ...built, value: built.value.model } : built;
}

/** Loads a config file, checks it and builds the model. */
export async function loadModel(file: string, options: BuildOptions = {}): Promise<Result<GatewayModel>> {
  const built = await loadProject(file, options);
  return built.ok ? { ...built, value: built.value.model } : built;
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
  const own = emitted.ok ? emitted.warnings : emitted.diagnostics;
  // A target that reports a missing feature itself says more than the generic message; keep its.
  const key = (d: Diagnostic) => `${d.code} ${d.path.join('\u0000')}`;
  const ownKeys = new Set(own.map(key));
  const diagnostics = [...missing.filter((d) => !ownKeys.has(key(d))), ...own];
  return resultOf(emitted.ok ? emitted.value : [], diagnostics);
}
