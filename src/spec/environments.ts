/** Environments (`--env prod`): overrides merged into the config before it is checked, so one file
 * serves every stage. Objects merge, arrays and values replace, `null` removes a key. */
import { didYouMean, error, type Diagnostic } from '../diagnostics/index.ts';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function mergeOverride(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else out[k] = mergeOverride(base[k], v);
  }
  return out;
}

export interface EnvironmentResult {
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

/** The config as seen in `env` (or as written, without one); `environments` itself is dropped. */
export function applyEnvironment(value: unknown, env: string | undefined): EnvironmentResult {
  if (!isPlainObject(value)) return { value, diagnostics: [] };
  const { environments, ...base } = value;
  if (env === undefined) return { value: base, diagnostics: [] };
  const known = isPlainObject(environments) ? environments : {};
  const override = known[env];
  if (!isPlainObject(override)) {
    const names = Object.keys(known);
    return {
      value: base,
      diagnostics: [
        error(
          'unknown_reference',
          ['environments', env],
          `environment "${env}" is not defined`,
          didYouMean(env, names) ?? (names.length > 0 ? `defined environments: ${names.join(', ')}` : 'add it under environments'),
        ),
      ],
    };
  }
  return { value: mergeOverride(base, override), diagnostics: [] };
}
