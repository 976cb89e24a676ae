/** Which file extensions aigate can load, and how each one is read. */
import { extname } from 'node:path';

export type ConfigFormat = 'ts' | 'js' | 'json' | 'yaml';

/** Extension (with the dot) → format. Order is what users see in hints. */
export const FORMAT_BY_EXTENSION: Readonly<Record<string, ConfigFormat>> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(FORMAT_BY_EXTENSION);

export function formatOf(file: string): ConfigFormat | undefined {
  return FORMAT_BY_EXTENSION[extname(file).toLowerCase()];
}
