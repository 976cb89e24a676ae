/** Reads a config file into an `unknown` value. No validation: that is src/spec's job. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Result } from '../diagnostics/index.ts';
import { parseJson, parseYaml } from './data.ts';
import { describeThrown, loadDiagnostic } from './errors.ts';
import { formatOf, SUPPORTED_EXTENSIONS, type ConfigFormat } from './formats.ts';
import { importConfigModule } from './module.ts';

export interface LoadedConfig {
  /** The config as the file produced it; not yet validated. */
  readonly value: unknown;
  /** Absolute path of the file it came from. */
  readonly file: string;
  readonly format: ConfigFormat;
}

/** Loads `file` (relative to the working directory) fresh on every call, so watchers see edits. */
export async function loadConfig(file: string): Promise<Result<LoadedConfig>> {
  const path = resolve(file);
  if (!isFile(path)) {
    return { ok: false, diagnostics: [loadDiagnostic('config_not_found', path, 'config file not found', `looked for ${path}`)] };
  }
  const format = formatOf(path);
  if (format === undefined) {
    return {
      ok: false,
      diagnostics: [
        loadDiagnostic('config_load_failed', path, 'unsupported config file extension', `use one of ${SUPPORTED_EXTENSIONS.join(', ')}`),
      ],
    };
  }

  const loaded = await read(path, format);
  if (!loaded.ok) return loaded;
  return { ok: true, value: { value: withoutSchemaKey(loaded.value), file: path, format }, warnings: loaded.warnings };
}

async function read(path: string, format: ConfigFormat): Promise<Result<unknown>> {
  if (format === 'ts' || format === 'js') return importConfigModule(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (thrown) {
    return { ok: false, diagnostics: [loadDiagnostic('config_load_failed', path, `could not read the config: ${describeThrown(thrown, path)}`)] };
  }
  if (text.trim() === '') {
    return { ok: false, diagnostics: [loadDiagnostic('config_no_export', path, 'the config file is empty')] };
  }
  const parsed = format === 'json' ? parseJson(text, path) : parseYaml(text, path);
  // Only comments, or a literal null: say so rather than let the schema complain about types.
  if (parsed.ok && (parsed.value === undefined || parsed.value === null)) {
    return { ok: false, diagnostics: [loadDiagnostic('config_no_export', path, 'the config file holds no config')] };
  }
  return parsed;
}

/** JSON and YAML configs may name their JSON Schema for editors; it is not part of the config. */
function withoutSchemaKey(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, '$schema')) return value;
  const { $schema: _schema, ...rest } = value as Record<string, unknown>;
  return rest;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
