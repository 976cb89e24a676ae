/** Finds the config file to load: the one the user named, else the first conventional name present. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { resultOf, type Result } from '../diagnostics/index.ts';
import { loadDiagnostic } from './errors.ts';

/** Looked for in this order; `.ts` first because it is what `aigate init` writes and editors check. */
export const CONFIG_FILE_NAMES: readonly string[] = [
  'gateway.config.ts',
  'gateway.config.mts',
  'gateway.config.mjs',
  'gateway.config.js',
  'gateway.config.json',
  'gateway.config.yaml',
  'gateway.config.yml',
];

/**
 * Resolves the config file's absolute path. `explicit` (a `--config` value) is taken relative to
 * `cwd`; when it names a directory, the conventional names are looked for inside it.
 */
export function findConfig(cwd: string, explicit?: string): Result<string> {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (isDirectory(path)) return findConfig(path);
    if (existsSync(path)) return resultOf(path, []);
    return notFound(path, `looked for ${path}`);
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return resultOf(path, []);
  }
  return notFound(
    resolve(cwd, CONFIG_FILE_NAMES[0]!),
    `looked in ${cwd} for ${CONFIG_FILE_NAMES.join(', ')}; pass the file with --config`,
  );
}

function notFound(path: string, hint: string): Result<string> {
  return { ok: false, diagnostics: [loadDiagnostic('config_not_found', path, 'no gateway config file found', hint)] };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
