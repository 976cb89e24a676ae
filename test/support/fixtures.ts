/**
 * Shared by the fixture suites (golden, deck schema, secrets, determinism): finding the fixtures,
 * running one through the pipeline and every target, and rendering what came out as the text the
 * golden files hold. Nothing here asserts; the suites do.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS } from '../../src/cli/targets.ts';
import { emitTarget, loadModel } from '../../src/compile/index.ts';
import { loadConfig } from '../../src/load/index.ts';
import { toDotPath, type Diagnostic, type Result } from '../../src/diagnostics/index.ts';
import type { Artefact, Target } from '../../src/emit/index.ts';
import type { GatewayModel } from '../../src/model/index.ts';

/** The repository root, without a trailing slash. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const FIXTURES = join(ROOT, 'fixtures');

export type FixtureKind = 'valid' | 'invalid';

export interface Fixture {
  readonly kind: FixtureKind;
  /** The directory name, e.g. `001-openai-chat`. */
  readonly name: string;
  readonly dir: string;
  /** The config file inside `dir` (`gateway.config.{ts,mjs,json,yaml}`). */
  readonly file: string;
  readonly expectedDir: string;
}

export function fixtures(kind: FixtureKind): Fixture[] {
  const base = join(FIXTURES, kind);
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(base, name);
      const configs = readdirSync(dir).filter((f) => f.startsWith('gateway.config.'));
      if (configs.length !== 1) throw new Error(`${kind}/${name}: expected exactly one gateway.config.* file, found ${configs.length}`);
      return { kind, name, dir, file: join(dir, configs[0]!), expectedDir: join(dir, 'expected') };
    });
}

export const allFixtures = (): Fixture[] => [...fixtures('valid'), ...fixtures('invalid')];

/** What one target made of a model. */
export interface TargetRun {
  readonly target: Target;
  readonly result: Result<readonly Artefact[]>;
}

/** What the pipeline made of one fixture: the model result, and each target's result if it built. */
export interface Compiled {
  readonly model: Result<GatewayModel>;
  readonly targets: readonly TargetRun[];
}

/** `env` compiles the fixture as `--env <env>` would. */
export async function compileFixture(f: Fixture, targets: readonly Target[] = TARGETS, env?: string): Promise<Compiled> {
  const model = await loadModel(f.file, env === undefined ? {} : { env });
  if (!model.ok) return { model, targets: [] };
  return { model, targets: targets.map((target) => ({ target, result: emitTarget(model.value, target) })) };
}

/** The names under the fixture's `environments`, in the file's order; none when it has none. */
export async function fixtureEnvironments(f: Fixture): Promise<string[]> {
  const loaded = await loadConfig(f.file);
  if (!loaded.ok) return [];
  const envs = (loaded.value.value as { environments?: unknown }).environments;
  return envs !== null && typeof envs === 'object' ? Object.keys(envs) : [];
}

/** Where a fixture's goldens for one environment go, relative to `expected/`. */
export const envDir = (env: string): string => `env-${env}`;

/** Every diagnostic of a run, in pipeline order: loading and checking, then each target in turn. */
export function allDiagnostics(c: Compiled): Diagnostic[] {
  const out: Diagnostic[] = [...(c.model.ok ? c.model.warnings : c.model.diagnostics)];
  for (const { result } of c.targets) out.push(...(result.ok ? result.warnings : result.diagnostics));
  return out;
}

/** The model as model.json holds it. */
export function modelJson(model: GatewayModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** Replaces the repository's absolute path, so goldens are the same on every machine. */
export function withoutRoot(text: string): string {
  return text.replaceAll(ROOT, '<root>');
}

/**
 * The text of diagnostics.txt: one line per diagnostic, `code<TAB>dotted.path<TAB>message`, then
 * indented `target:` and `hint:` lines when the diagnostic has them. Warnings are marked.
 */
export function renderDiagnostics(ds: readonly Diagnostic[]): string {
  const lines: string[] = [];
  for (const d of ds) {
    const code = d.severity === 'error' ? d.code : `${d.code} (${d.severity})`;
    lines.push(`${code}\t${toDotPath(d.path)}\t${withoutRoot(d.message)}`);
    if (d.target !== undefined) lines.push(`\ttarget: ${d.target}`);
    if (d.hint !== undefined) lines.push(`\thint: ${withoutRoot(d.hint)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The files `expected/` should hold for a fixture, by path relative to `expected/`.
 * Valid: model.json, plus each target's artefacts under their own paths, plus
 * `<target-id>.diagnostics.txt` should a target warn about or refuse the config. Invalid:
 * diagnostics.txt.
 */
export function expectedFiles(f: Fixture, c: Compiled): Map<string, string> {
  const files = new Map<string, string>();
  const put = (path: string, content: string, from: string) => {
    if (files.has(path)) throw new Error(`${f.kind}/${f.name}: ${from} writes ${path}, which another target already wrote`);
    files.set(path, content);
  };
  if (f.kind === 'invalid' || !c.model.ok) {
    put('diagnostics.txt', renderDiagnostics(allDiagnostics(c)), 'the diagnostics');
    return files;
  }
  put('model.json', modelJson(c.model.value), 'the model');
  for (const { target, result } of c.targets) {
    if (result.ok) for (const a of result.value) put(a.path, a.content, `target ${target.id}`);
    const ds = result.ok ? result.warnings : result.diagnostics;
    if (ds.length > 0) put(`${target.id}.diagnostics.txt`, renderDiagnostics(ds), `target ${target.id}`);
  }
  return files;
}

/** The files now in `expected/`, by relative path (recursively, since artefact paths may nest). */
export function readExpected(f: Fixture): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(f.expectedDir)) return files;
  const walk = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
      if (e.isDirectory()) walk(join(dir, e.name), rel);
      else files.set(rel, readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(f.expectedDir, '');
  return files;
}

/** Every environment variable name a fixture's source mentions as a secret reference. */
export function envNamesIn(source: string): string[] {
  const names = new Set<string>();
  const patterns = [
    /secret\.env\(\s*['"]([^'"]+)['"]\s*\)/g, // secret.env('NAME')
    /\benv\s*:\s*['"]([^'"]+)['"]/g, // { env: 'NAME' }
    /"env"\s*:\s*"([^"]+)"/g, // JSON
    /^\s*(?:-\s+)?env:\s*['"]?([^'"\s#]+)/gm, // YAML
  ];
  for (const p of patterns) for (const m of source.matchAll(p)) names.add(m[1]!);
  return [...names].sort();
}

/** Literal secrets written into a fixture (fake `sk-…` keys). */
export function inlineSecretsIn(source: string): string[] {
  return [...new Set([...source.matchAll(/sk-[A-Za-z0-9_-]{8,}/g)].map((m) => m[0]))];
}
