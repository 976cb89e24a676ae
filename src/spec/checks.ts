/** Checks that need the whole config: references between sections, conflicts between options,
 * and things Kong would only reject at deploy time. */
import { didYouMean, error, type Diagnostic, type PathSegment } from '../diagnostics/index.ts';
import { routeTypesOf } from '../model/index.ts';
import type { GatewayConfigOutput, SectionName } from './gateway.ts';
import type { ProviderOutput } from './provider.ts';
import { checkPolicies } from './policy-checks.ts';
import { checkTests } from './test-checks.ts';
import { checkSecret, secretIdentity, secretSites } from './secret-check.ts';

type Declared = Readonly<Record<SectionName, ReadonlySet<string>>>;

function reference(declared: Declared, section: SectionName, name: string, path: PathSegment[], what: string): Diagnostic[] {
  if (declared[section].has(name)) return [];
  const known = [...declared[section]];
  return [
    error(
      'unknown_reference',
      path,
      `${what} "${name}" is not defined`,
      didYouMean(name, known) ?? (known.length > 0 ? `defined ${section}: ${known.join(', ')}` : `define it under ${section}`),
    ),
  ];
}

const AUTH_MODES = ['header', 'query', 'body', 'aws', 'gcpServiceAccount', 'azureManagedIdentity'] as const;
const AUTH_ONLY_FOR: Partial<Record<(typeof AUTH_MODES)[number], ProviderOutput['kind']>> = {
  aws: 'bedrock',
  gcpServiceAccount: 'gemini',
  azureManagedIdentity: 'azure',
};

function checkProvider(name: string, p: ProviderOutput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at: PathSegment[] = ['providers', name];
  if (p.auth) {
    const modes = AUTH_MODES.filter((m) => p.auth?.[m] !== undefined);
    if (modes.length > 1) {
      out.push(error('conflicting_options', [...at, 'auth'], `auth sets ${modes.join(' and ')}`, 'a provider authenticates one way; keep one'));
    }
    const keyed = modes.find((m) => m === 'header' || m === 'query' || m === 'body');
    if (keyed && p.auth.value === undefined) {
      out.push(error('missing_required', [...at, 'auth', 'value'], `auth.${keyed} needs a value`, 'add value: { env: "..." }'));
    }
    if (!keyed && p.auth.value !== undefined) {
      out.push(error('conflicting_options', [...at, 'auth', 'value'], 'auth.value is set but no header, query or body says where it goes', 'add header: "Authorization" (or query / body)'));
    }
    for (const m of modes) {
      const only = AUTH_ONLY_FOR[m];
      if (only && only !== p.kind) out.push(error('conflicting_options', [...at, 'auth', m], `auth.${m} is for ${only} providers, not ${p.kind}`));
    }
  }
  if ((p.kind === 'bedrock' || p.kind === 'gemini') && p.allowAuthOverride) {
    out.push(error('conflicting_options', [...at, 'allowAuthOverride'], `${p.kind} providers cannot let clients override auth`, 'remove allowAuthOverride (Kong rejects it for bedrock and gemini)'));
  }
  const selfHosted = p.kind === 'llama2' || (p.kind === 'mistral' && p.format === 'ollama');
  if (selfHosted && p.url === undefined) {
    out.push(error('provider_option_missing', [...at, 'url'], `a self-hosted ${p.kind} provider needs url`, 'set url to the full endpoint, e.g. http://localhost:11434/api/chat'));
  }
  return out;
}

export function checkGateway(c: GatewayConfigOutput, declared: Declared): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, p] of Object.entries(c.providers)) out.push(...checkProvider(name, p));
  for (const site of secretSites(c)) out.push(...checkSecret(site, c));

  const modelNames = new Map<string, string>(); // name or alias → model that claims it
  for (const name of declared.models) modelNames.set(name, name);
  for (const [name, m] of Object.entries(c.models)) {
    out.push(...reference(declared, 'providers', m.provider, ['models', name, 'provider'], 'provider'));
    if (m.alias !== undefined) {
      const owner = modelNames.get(m.alias);
      if (owner !== undefined && owner !== name) {
        out.push(error('duplicate_name', ['models', name, 'alias'], `alias "${m.alias}" is already the name or alias of model "${owner}"`, 'aliases must be unique across models'));
      } else modelNames.set(m.alias, name);
    }
  }

  const pathOwner = new Map<string, string>();
  for (const [name, r] of Object.entries(c.routes)) {
    const at: PathSegment[] = ['routes', name];
    if (r.model !== undefined && r.models !== undefined) out.push(error('conflicting_options', [...at, 'models'], 'a route sets both model and models', 'keep one'));
    if (r.model === undefined && r.models === undefined) out.push(error('missing_required', [...at, 'model'], 'a route needs a model', 'add model: "<name from models>"'));
    if (r.path !== undefined && r.paths !== undefined) out.push(error('conflicting_options', [...at, 'paths'], 'a route sets both path and paths', 'keep one'));
    if (r.path === undefined && r.paths === undefined) out.push(error('missing_required', [...at, 'path'], 'a route needs a path', 'add path: "/chat"'));

    const refs: [string, PathSegment[]][] = r.models
      ? r.models.map((m, i) => (typeof m === 'string' ? [m, [...at, 'models', i]] : [m.model, [...at, 'models', i, 'model']]))
      : r.model
        ? [[r.model, [...at, 'model']]]
        : [];
    const seen = new Set<string>();
    for (const [m, path] of refs) {
      if (seen.has(m)) out.push(error('duplicate_name', path, `model "${m}" is listed twice`));
      seen.add(m);
      out.push(...reference(declared, 'models', m, path, 'model'));
      const provider = c.providers[c.models[m]?.provider ?? ''];
      if (provider && !routeTypesOf(provider.kind).includes(r.type)) {
        out.push(error('route_type_unsupported', path, `${provider.kind} cannot serve ${r.type} routes (model "${m}")`, `use type: "chat", or a model whose provider serves ${r.type}`));
      }
      if (provider?.kind === 'anthropic' && r.type === 'completions' && r.logging.statistics === true) {
        out.push(error('conflicting_options', [...at, 'logging', 'statistics'], 'Kong cannot count Anthropic tokens on completions routes', 'remove logging.statistics or use a chat route'));
      }
    }

    (r.paths ?? (r.path ? [r.path] : [])).forEach((p, i) => {
      const path: PathSegment[] = r.paths ? [...at, 'paths', i] : [...at, 'path'];
      if (p.startsWith('~')) {
        try {
          new RegExp(p.slice(1), 'u');
        } catch (e) {
          out.push(error('invalid_regex', path, `the path regex does not compile: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /, '')}`, 'regex paths start with ~ and use PCRE syntax'));
        }
      }
      const owner = pathOwner.get(p);
      if (owner !== undefined) out.push(error('duplicate_path', path, `path "${p}" is already used by route "${owner}"`, 'each path belongs to one route'));
      else pathOwner.set(p, name);
    });
  }

  const customIds = new Map<string, string>();
  const keyOwners = new Map<string, string>();
  for (const [name, consumer] of Object.entries(c.consumers)) {
    const at: PathSegment[] = ['consumers', name];
    const groups = new Set<string>();
    consumer.groups.forEach((g, i) => {
      if (groups.has(g)) out.push(error('duplicate_name', [...at, 'groups', i], `group "${g}" is listed twice`));
      groups.add(g);
      out.push(...reference(declared, 'consumerGroups', g, [...at, 'groups', i], 'consumer group'));
    });
    if (consumer.customId !== undefined) {
      const owner = customIds.get(consumer.customId);
      if (owner !== undefined) out.push(error('duplicate_name', [...at, 'customId'], `customId is already used by consumer "${owner}"`));
      else customIds.set(consumer.customId, name);
    }
    consumer.keys.forEach((k, i) => {
      const id = secretIdentity(k);
      const owner = keyOwners.get(id);
      if (owner !== undefined) {
        out.push(error('duplicate_name', [...at, 'keys', i], `this key is also a key of consumer "${owner}"`, 'Kong answers 401 "Duplicate API key found" when two consumers share a key'));
      } else keyOwners.set(id, name);
    });
  }
  out.push(...checkPolicies(c));
  out.push(...checkTests(c));
  return out;
}
