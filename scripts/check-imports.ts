/**
 * Keeps the import graph pointing one way (DESIGN.md, "Import direction"). Scans src/ and targets/,
 * maps every relative import to the area it lands in, and reports imports the table below does
 * not allow. Run: `node scripts/check-imports.ts [root]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Area → the other areas it may import. An area may always import itself; '*' allows anything in
 * the project except NEVER. Type-only intent (dsl → spec, reference → proxy) is not enforced here.
 */
const RULES: Readonly<Record<string, readonly string[] | '*'>> = {
  'src/diagnostics': [],
  'src/model': ['src/diagnostics'],
  'src/spec': ['src/diagnostics', 'src/model'],
  'src/dsl': ['src/spec', 'src/model', 'src/diagnostics'],
  'src/load': ['src/diagnostics'],
  'src/emit': ['src/model', 'src/diagnostics'],
  'src/sync': ['src/model', 'src/diagnostics', 'src/emit'],
  'src/compile': ['src/load', 'src/spec', 'src/model', 'src/diagnostics', 'src/emit'],
  'src/proxy': ['src/model', 'src/diagnostics'],
  'src/mock': ['src/model', 'src/diagnostics'],
  // Runs tests and conformance cases against gateways: the proxy and the mocks to run them, compile
  // (emitTarget) to turn a config into what a gateway loads, emit for the Target type. Targets
  // themselves come in as arguments from the CLI.
  'src/testing': ['src/proxy', 'src/mock', 'src/model', 'src/diagnostics', 'src/compile', 'src/emit'],
  'src/cli': '*',
  'src/index.ts': ['src/dsl', 'src/spec', 'src/model', 'src/diagnostics'],
  'targets/*': ['src/model', 'src/emit', 'src/sync', 'src/diagnostics'],
  // The reference target writes the proxy's bundle, so it needs the proxy's config type.
  'targets/reference': ['src/model', 'src/emit', 'src/sync', 'src/diagnostics', 'src/proxy'],
};

/** Never imported from src/ or targets/, whatever RULES say: none of them ships. */
const NEVER = new Set(['test', 'fixtures', 'bench', 'examples', 'scripts']);
/** The composition root: it imports everything, so nothing may import it. */
const ROOT = 'src/cli';
const OUTSIDE = '(outside the project)';
const SCANNED = ['src', 'targets'];

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
}

/** `src/<dir>` or `src/<file>`, `targets/<id>`, else the top-level folder or file. */
export function areaOf(relPath: string): string {
  const parts = relPath.split(sep).join('/').split('/');
  if ((parts[0] === 'src' || parts[0] === 'targets') && parts.length > 1) return `${parts[0]}/${parts[1]}`;
  return parts[0] ?? relPath;
}

function ruleFor(area: string): readonly string[] | '*' | undefined {
  return RULES[area] ?? (area.startsWith('targets/') ? RULES['targets/*'] : undefined);
}

function allowed(from: string, to: string): boolean {
  if (NEVER.has(to) || to === OUTSIDE) return false;
  if (from === to) return true;
  if (to === ROOT) return false;
  const rule = ruleFor(from);
  return rule === '*' || (rule?.includes(to) ?? false);
}

// Static `import … from`, `export … from`, side-effect `import '…'`, each starting a line (so a JSDoc
// `* import … from 'aigate'` example is not an import), and `import('…')` in code.
const STATIC = /^[ \t]*(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)?\s*from\s*['"]([^'"\n]+)['"]|^[ \t]*import\s*['"]([^'"\n]+)['"]/gm;
const DYNAMIC = /^(?![ \t]*(?:\*|\/\/)).*?\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/gm;

export function importsOf(source: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const re of [STATIC, DYNAMIC]) {
    for (const m of source.matchAll(re)) {
      const specifier = m[1] ?? m[2];
      const at = m.index + m[0].lastIndexOf(specifier ?? '');
      if (specifier !== undefined) found.push({ specifier, line: source.slice(0, at).split('\n').length });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

function* sourceFiles(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a folder that does not exist yet has nothing to check
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') yield* sourceFiles(path);
    else if (e.isFile() && /\.[cm]?ts$/.test(e.name) && !/\.test\.[cm]?ts$/.test(e.name)) yield path;
  }
}

export interface CheckReport {
  readonly files: number;
  readonly imports: number;
  readonly violations: readonly Violation[];
}

export function checkImports(root: string): CheckReport {
  const violations: Violation[] = [];
  let files = 0;
  let imports = 0;
  for (const top of SCANNED) {
    for (const path of sourceFiles(join(root, top))) {
      const file = relative(root, path).split(sep).join('/');
      const from = areaOf(file);
      files++;
      for (const { specifier, line } of importsOf(readFileSync(path, 'utf8'))) {
        const to = areaOfSpecifier(root, path, specifier);
        if (to === undefined) continue;
        imports++;
        if (!allowed(from, to)) violations.push({ file, line, from, to, specifier });
      }
    }
  }
  return { files, imports, violations };
}

/** The area a specifier lands in; undefined for packages and node: builtins. */
function areaOfSpecifier(root: string, importer: string, specifier: string): string | undefined {
  // The package's own name is its public entry, and importing it from inside is an import of that.
  if (specifier === 'aigate') return 'src/index.ts';
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const target = relative(root, resolve(dirname(importer), specifier));
  return target.startsWith('..') ? OUTSIDE : areaOf(target);
}

export function formatViolation(v: Violation): string {
  const why = ruleFor(v.from) === undefined ? `${v.from} has no entry in RULES, so it may not import ${v.to}` : `${v.from} must not import ${v.to}`;
  return `${v.file}:${v.line}: ${why} (${v.specifier})`;
}

if (import.meta.main) {
  const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
  const { files, imports, violations } = checkImports(root);
  for (const v of violations) console.error(formatViolation(v));
  if (violations.length > 0) process.exit(1);
  console.log(`check-imports: ${imports} project imports in ${files} files follow the rules`);
}
