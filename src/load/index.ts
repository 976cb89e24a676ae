/**
 * Loading a user's config: find the file, import or parse it, hand back `unknown` with the file it
 * came from. No validation happens here (that is src/spec). Imports only src/diagnostics.
 * @module
 */
export { CONFIG_FILE_NAMES, findConfig } from './find.ts';
export { SUPPORTED_EXTENSIONS, type ConfigFormat } from './formats.ts';
export { loadConfig, type LoadedConfig } from './load.ts';
