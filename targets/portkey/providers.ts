/** One Portkey target per model: Portkey's provider slug, its credentials as `${VAR}` placeholders,
 * `custom_host` for a configured URL, and the model's options as `override_params`. */
import { error, type Diagnostic, type PathSegment } from '../../src/diagnostics/index.ts';
import type { Model, Provider, RouteType, SecretRef } from '../../src/model/index.ts';
import type { PortkeyTargetConfig } from './portkey-types.ts';

/** Where a provider's requests go instead of what its URL says (conformance points them at mocks). */
export type CustomHostFor = (provider: Provider, model: Model, type: RouteType) => string | undefined;

const ID = 'portkey';

function unsupported(path: readonly PathSegment[], message: string, hint?: string): Diagnostic {
  return { ...error('unsupported_by_target', path, message, hint), target: ID };
}

/** Portkey's provider slug, or why there is none. */
function slugOf(p: Provider): string | Diagnostic {
  switch (p.kind) {
    case 'openai':
    case 'openai-compatible':
      return 'openai';
    case 'azure':
      return 'azure-openai';
    case 'anthropic':
      return 'anthropic';
    case 'cohere':
      return 'cohere';
    case 'mistral':
      return p.format === 'openai' ? 'mistral-ai' : 'ollama';
    case 'llama2':
      if (p.format === 'raw') return unsupported(['providers', p.name, 'format'], 'Portkey has no provider for a raw (text-generation) Llama 2 server', 'serve it with an OpenAI-compatible or Ollama API and set format accordingly');
      return p.format === 'openai' ? 'openai' : 'ollama';
    case 'gemini':
      return p.vertex ? 'vertex-ai' : 'google';
    case 'bedrock':
      return 'bedrock';
    case 'ollama':
      return 'ollama';
  }
}

/** The path Portkey appends to `custom_host` for each provider, so a configured full URL gives
 * the host: what follows it is Portkey's to choose. */
const SUFFIXES: readonly RegExp[] = [/\/(chat\/completions|completions)$/, /\/(messages|complete)$/, /\/api\/(chat|generate)$/, /\/v1\/(chat|generate)$/, /\/openai\/deployments\/.*$/, /\/v1(beta)?\/(projects|models)\/.*$/, /\/model\/.*$/];

export function customHostOf(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  for (const re of SUFFIXES) if (re.test(path)) return `${u.origin}${path.replace(re, '')}`;
  return `${u.origin}${path}`;
}

/** `${NAME}`: the client fills it in from its environment before sending the config. */
function placeholder(ref: SecretRef, path: readonly PathSegment[], problems: Diagnostic[]): string | undefined {
  if (ref.kind === 'env') return `\${${ref.name}}`;
  // Said here rather than by the feature table, so the hint can name what works instead.
  problems.push(
    ref.kind === 'inline'
      ? unsupported(path, 'inline secrets are only for local testing on the reference proxy', 'reference an environment variable; the client fills ${NAME} in before it sends the config')
      : unsupported(path, `Portkey has no vault to read ${ref.kind} secrets from`, 'reference an environment variable; the client fills ${NAME} in before it sends the config'),
  );
  return undefined;
}

function credentials(p: Provider, problems: Diagnostic[]): Partial<PortkeyTargetConfig> {
  const at = ['providers', p.name, 'auth'];
  const a = p.auth;
  switch (a?.kind) {
    case undefined:
      // No credential configured (a self-hosted server, a proxy that adds its own). Portkey's
      // config schema wants a key on every target; an empty one says "none".
      return p.kind === 'ollama' || p.kind === 'bedrock' ? {} : { api_key: '' };
    case 'header':
    case 'param': {
      const key = placeholder(a.value, [...at, 'value'], problems);
      return key === undefined ? {} : { api_key: key };
    }
    case 'aws': {
      const id = placeholder(a.accessKeyId, [...at, 'aws', 'accessKeyId'], problems);
      const secret = placeholder(a.secretAccessKey, [...at, 'aws', 'secretAccessKey'], problems);
      return { ...(id !== undefined && { aws_access_key_id: id }), ...(secret !== undefined && { aws_secret_access_key: secret }) };
    }
    case 'gcp-service-account':
      problems.push(unsupported(at, 'Portkey takes a Vertex service account as JSON inside the config; aigate writes no secret values', 'use a Gemini API key (auth.query)'));
      return {};
    case 'azure-managed-identity':
      problems.push(unsupported(at, 'this target does not write Azure managed identities for Portkey', 'use an API key (auth.header)'));
      return {};
  }
}

function kindSpecific(p: Provider, m: Model): Partial<PortkeyTargetConfig> {
  switch (p.kind) {
    case 'azure':
      return { resource_name: p.azure.instance, deployment_id: m.deployment ?? m.model, api_version: p.azure.apiVersion };
    case 'anthropic':
      return p.anthropicVersion === '2023-06-01' ? {} : { anthropic_version: p.anthropicVersion };
    case 'bedrock':
      return { aws_region: p.region };
    case 'gemini':
      return p.vertex ? { vertex_project_id: p.vertex.projectId, vertex_region: p.vertex.locationId } : {};
    default:
      return {};
  }
}

function overrides(m: Model): Record<string, unknown> {
  const o = m.options;
  return {
    model: m.model,
    ...(o.maxTokens !== undefined && { max_tokens: o.maxTokens }),
    ...(o.temperature !== undefined && { temperature: o.temperature }),
    ...(o.topP !== undefined && { top_p: o.topP }),
    ...(o.topK !== undefined && { top_k: o.topK }),
  };
}

/** The target for `model` on a route of `type`; undefined (with diagnostics) when Portkey has none. */
export function targetFor(p: Provider, m: Model, type: RouteType, hostFor: CustomHostFor | undefined, problems: Diagnostic[]): PortkeyTargetConfig | undefined {
  const slug = slugOf(p);
  if (typeof slug !== 'string') {
    problems.push(slug);
    return undefined;
  }
  const needsHost = slug === 'ollama';
  const host = hostFor?.(p, m, type) ?? (p.upstreamUrl !== undefined ? customHostOf(p.upstreamUrl) : needsHost ? 'http://localhost:11434' : undefined);
  return {
    provider: slug,
    ...credentials(p, problems),
    ...kindSpecific(p, m),
    ...(host !== undefined && { custom_host: host }),
    override_params: overrides(m),
  };
}
