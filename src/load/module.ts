/**
 * Loads a TypeScript or JavaScript config: with Node's own loader when it can (type stripping is
 * fast), else through jiti, so ESM, CJS, TypeScript and extensionless relative imports all work
 * without a build step; then picks the config out of its exports.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Result } from '../diagnostics/index.ts';
import { describeThrown, loadDiagnostic } from './errors.ts';

/**
 * User configs `import { defineGateway } from 'aigate'`. Pointing that at this copy's own entry
 * means a config works in this repository, in a global install and in a project install alike,
 * and always meets the same DSL as the CLI reading it.
 */
const AIGATE_ENTRY = fileURLToPath(new URL('../index.ts', import.meta.url));

/** Errors that mean "Node's loader can't read this file the way jiti can", not "the config is wrong". */
const NATIVE_CANNOT = new Set([
  'ERR_MODULE_NOT_FOUND',
  'ERR_UNSUPPORTED_DIR_IMPORT',
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
  'ERR_INVALID_TYPESCRIPT_SYNTAX',
  'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
  'ERR_PACKAGE_PATH_NOT_EXPORTED',
  'ERR_REQUIRE_ESM',
]);

function nativeCannot(thrown: unknown): boolean {
  const e = thrown as { code?: string; name?: string; message?: string } | null;
  if (!e) return false;
  if (e.code !== undefined && NATIVE_CANNOT.has(e.code)) return true;
  // Parse and link errors (CJS syntax in an ESM file, named imports from CJS) happen before any of
  // the file runs, so retrying with jiti runs nothing twice.
  if (e.name === 'SyntaxError') return true;
  return e.name === 'ReferenceError' && /\b(module|exports|require|__dirname|__filename) is not defined\b/.test(e.message ?? '');
}

/** Node's own loader, when it understands the file; `undefined` means "use jiti". */
async function importNatively(file: string): Promise<{ exports: unknown } | undefined> {
  if (!process.features.typescript && /\.[mc]?ts$/.test(file)) return undefined;
  try {
    // A fresh URL per call, so a long-running process sees an edited config (its imports stay cached).
    const ns = (await import(`${pathToFileURL(file).href}?aigate-load=${Date.now()}-${Math.random()}`)) as Record<string, unknown>;
    // Node hands a CommonJS module's real `module.exports` over under this key; judge that, as jiti would.
    return { exports: 'module.exports' in ns ? ns['module.exports'] : ns };
  } catch (thrown) {
    if (nativeCannot(thrown)) return undefined;
    throw thrown;
  }
}

async function importWithJiti(file: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, {
    // Never write a transpile cache next to the user's file or anywhere else.
    fsCache: false,
    // Every call re-evaluates the config and its TypeScript helpers, so watch and --check see edits.
    moduleCache: false,
    // We pick `default` / `config` ourselves; jiti's merged proxy would hide which one was there.
    interopDefault: false,
    alias: { aigate: AIGATE_ENTRY },
  });
  // evalModule with forceTranspile rather than jiti.import: jiti hands .mjs/.cjs entries to
  // Node's native loader, whose cache would return the first version of the file forever.
  return jiti.evalModule(readFileSync(file, 'utf8'), { filename: file, async: true, forceTranspile: true });
}

export async function importConfigModule(file: string): Promise<Result<unknown>> {
  let exports: unknown;
  try {
    const native = await importNatively(file);
    exports = native === undefined ? await importWithJiti(file) : native.exports;
  } catch (thrown) {
    return failed(file, `could not load the config: ${describeThrown(thrown, file)}`);
  }

  const picked = pickExport(exports);
  if (picked === undefined) {
    return noExport(file, 'the config file exports no config', 'add `export default defineGateway({ ... })`');
  }
  let value: unknown;
  try {
    // A function export lets a config compute itself (read files, await secrets) at load time.
    value = typeof picked.value === 'function' ? await (picked.value as () => unknown)() : await picked.value;
  } catch (thrown) {
    const what = typeof picked.value === 'function' ? 'function threw' : 'promise rejected';
    return failed(file, `the ${picked.name} export ${what}: ${describeThrown(thrown, file)}`);
  }
  if (value === undefined || value === null) {
    return noExport(file, `the ${picked.name} export resolved to ${value}`, 'return or export the config object');
  }
  return { ok: true, value, warnings: [] };
}

interface Picked {
  readonly name: 'default' | 'config';
  readonly value: unknown;
}

/** The default export, else a named `config` export; undefined when neither holds anything. */
function pickExport(exports: unknown): Picked | undefined {
  if (exports === undefined || exports === null) return undefined;
  // `module.exports = () => ...` (or a primitive): the whole thing is the default export.
  if (typeof exports !== 'object') return { name: 'default', value: exports };
  const obj = exports as Record<string, unknown>;
  const named = isEsModule(obj) ? obj : fromCommonJs(obj);
  if (named.default !== undefined && named.default !== null) return { name: 'default', value: named.default };
  if (named.config !== undefined && named.config !== null) return { name: 'config', value: named.config };
  return undefined;
}

/** Transpiled ESM marks its exports object; a module with no exports at all has no mark. */
function isEsModule(exports: Record<string, unknown>): boolean {
  // A namespace from Node's own loader is tagged "Module"; one from jiti's transpiler is marked.
  return (exports as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module' || exports.__esModule === true || 'default' in exports;
}

/**
 * `module.exports = {...}` is the default export, as Node's own ESM interop treats it. Only
 * `exports.config = ...` on its own counts as the named export, and an empty object as nothing.
 */
function fromCommonJs(exports: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(exports);
  if (keys.length === 0) return {};
  if (keys.length === 1 && keys[0] === 'config') return { config: exports.config };
  return { default: exports };
}

function failed(file: string, message: string): Result<unknown> {
  return { ok: false, diagnostics: [loadDiagnostic('config_load_failed', file, message)] };
}

function noExport(file: string, message: string, hint: string): Result<unknown> {
  return { ok: false, diagnostics: [loadDiagnostic('config_no_export', file, message, hint)] };
}
