/** Parses a loaded config: the root first, then each entity on its own, so one broken entity does
 * not hide the problems of the others. Cross-reference checks run on everything that parsed. */
import { z } from 'zod';
import { error, type Diagnostic } from '../diagnostics/index.ts';
import { checkGateway } from './checks.ts';
import { applyEnvironment } from './environments.ts';
import { GatewayConfigSchema, GatewayShellSchema, SECTIONS, type GatewayConfigOutput, type SectionName } from './gateway.ts';
import { TestCaseSchema } from './tests.ts';
import { zodIssuesToDiagnostics } from './zod-issues.ts';

export interface ParsedGateway {
  /** Entities that parsed; entities with errors are left out. */
  readonly config: GatewayConfigOutput;
  /** Every name the config declares in each section, parsed or not. */
  readonly declared: Readonly<Record<SectionName, ReadonlySet<string>>>;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ParseOptions {
  /** Apply this environment's overrides first. */
  readonly env?: string;
}

export function parseGateway(original: unknown, options: ParseOptions = {}): ParsedGateway {
  const environment = applyEnvironment(original, options.env);
  const input = environment.value;
  const diagnostics: Diagnostic[] = [...environment.diagnostics];
  if (original !== null && typeof original === 'object' && 'environments' in original) {
    const envs = GatewayShellSchema.shape.environments.safeParse((original as Record<string, unknown>).environments, { reportInput: true });
    if (!envs.success) diagnostics.push(...zodIssuesToDiagnostics(envs.error.issues, GatewayConfigSchema, original, ['environments']));
  }
  const shell = GatewayShellSchema.safeParse(input, { reportInput: true });
  if (!shell.success) diagnostics.push(...zodIssuesToDiagnostics(shell.error.issues, GatewayConfigSchema, input));

  const raw = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const scalars = shell.success ? shell.data : GatewayShellSchema.partial().safeParse(stripBadScalars(raw)).data ?? {};
  const declared = {} as Record<SectionName, Set<string>>;
  const sections = {} as Record<SectionName, Record<string, unknown>>;

  for (const [name, section] of Object.entries(SECTIONS) as [SectionName, (typeof SECTIONS)[SectionName]][]) {
    const entries = raw[name];
    declared[name] = new Set();
    const parsed: Record<string, unknown> = {};
    sections[name] = parsed;
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) continue;
    for (const [key, value] of Object.entries(entries)) {
      declared[name].add(key);
      const keyCheck = section.key.safeParse(key);
      if (!keyCheck.success) {
        diagnostics.push(error('invalid_format', [name, key], `"${key}" is not a valid name for ${name}`, keyCheck.error.issues[0]?.message));
      }
      const schema = section.value as z.ZodType;
      const result = schema.safeParse(value, { reportInput: true });
      if (result.success) {
        parsed[key] = result.data;
        continue;
      }
      diagnostics.push(...zodIssuesToDiagnostics(result.error.issues, schema, value, [name, key]));
      const repaired = repair(schema, value, result.error.issues);
      if (repaired !== undefined) parsed[key] = repaired;
    }
  }

  // Tests are a list, not a map: each is checked on its own for the same reason entities are.
  const tests: unknown[] = [];
  if (Array.isArray(raw.tests)) {
    raw.tests.forEach((t, i) => {
      const result = TestCaseSchema.safeParse(t, { reportInput: true });
      if (result.success) tests.push(result.data);
      else diagnostics.push(...zodIssuesToDiagnostics(result.error.issues, TestCaseSchema, t, ['tests', i]));
    });
  }
  const config = { ...defaultsOf(scalars), ...sections, tests } as unknown as GatewayConfigOutput;
  diagnostics.push(...checkGateway(config, declared));
  return { config, declared, diagnostics };
}

/** The entity with its bad fields removed, if it then parses: its references can still be checked,
 * so one typo does not hide another. Never used for output, since the config has errors. */
function repair(schema: z.ZodType, value: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const issue of issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      if (path.length === 0) return undefined;
      let parent: unknown = copy;
      for (const seg of path.slice(0, -1)) parent = (parent as Record<PropertyKey, unknown> | undefined)?.[seg];
      if (parent && typeof parent === 'object') delete (parent as Record<PropertyKey, unknown>)[path.at(-1)!];
    }
  }
  const again = schema.safeParse(copy);
  return again.success ? again.data : undefined;
}

/** Root scalars with bad values dropped, so defaults still apply while their errors are reported. */
function stripBadScalars(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const shape = GatewayShellSchema.shape as Record<string, z.ZodType>;
  for (const [k, v] of Object.entries(raw)) if (shape[k]?.safeParse(v).success) out[k] = v;
  return out;
}

function defaultsOf(scalars: Record<string, unknown>) {
  return {
    name: 'gateway',
    kong: { version: '3.15' },
    allowInlineSecrets: false,
    vaults: {},
    ...scalars,
  };
}
