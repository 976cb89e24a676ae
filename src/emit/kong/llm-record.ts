/** One model as Kong's shared LLM record (FACTS §1.1): provider, model options and upstream auth, in
 * the field set of the chosen Kong version. Routes use it in ai-proxy, transformers as their `llm`. */
import {
  defaultUpstreamUrl,
  needsUpstreamUrl,
  type RouteType,
  type Model,
  type ModelOptions,
  type Provider,
  type ProviderAuth,
} from '../../model/index.ts';
import type { KongContext } from './context.ts';
import type { LlmAuth, LlmOptions, LlmRecord } from './plugin-types.ts';
import { vaultReference } from './secrets.ts';
import { firstVersionWith, kongHas } from './versions.ts';

// Kong refuses allow_override for these (entity check in kong/llm/schemas/init.lua).
const NO_AUTH_OVERRIDE: ReadonlySet<Provider['kind']> = new Set(['bedrock', 'gemini']);

/** How a model is called: by a route (its type and logging), or by a policy (a chat call of its own). */
export interface LlmUse {
  readonly type: RouteType;
  readonly logging: { readonly statistics: boolean; readonly payloads: boolean };
  /** The route the settings come from, for diagnostics; absent for a policy's model. */
  readonly route?: string;
}

export function llmRecord(ctx: KongContext, use: LlmUse, model: Model, provider: Provider): LlmRecord {
  const routeType = use.type === 'chat' ? 'llm/v1/chat' : 'llm/v1/completions';
  if (provider.kind === 'anthropic' && use.type === 'completions' && use.logging.statistics && use.route !== undefined) {
    ctx.report(
      'unsupported_by_target',
      ['routes', use.route, 'logging', 'statistics'],
      'Kong cannot log statistics for anthropic on a completions route',
      'turn statistics off for this route, or make it a chat route',
    );
  }
  return {
    route_type: routeType,
    auth: auth(ctx, provider),
    model: {
      ...providerFields(ctx, provider),
      name: model.model,
      model_alias: alias(ctx, model),
      options: { ...commonOptions(model.options), ...providerOptions(ctx, provider, model, use.type) },
    },
    logging: { log_statistics: use.logging.statistics, log_payloads: use.logging.payloads },
  };
}

function alias(ctx: KongContext, model: Model): string | undefined {
  if (model.alias === undefined || kongHas(ctx.version, 'model.model_alias')) return model.alias;
  ctx.report(
    'unsupported_by_target',
    ['models', model.name, 'alias'],
    `Kong ${ctx.version} has no model alias (model.model_alias)`,
    `target Kong ${firstVersionWith('model.model_alias')} or later, or remove the alias`,
  );
  return undefined;
}

/** The provider name Kong knows a provider by, in the chosen version (what rate limits count by). */
export function kongProviderName(ctx: KongContext, p: Provider): string {
  return providerFields(ctx, p).provider;
}

/** `provider` plus the per-version choice of how Kong reaches providers it has no name for. */
function providerFields(ctx: KongContext, p: Provider): { provider: string } {
  switch (p.kind) {
    case 'openai':
    case 'azure':
    case 'anthropic':
    case 'cohere':
    case 'mistral':
    case 'llama2':
    case 'gemini':
    case 'bedrock':
      return { provider: p.kind };
    case 'ollama':
      return { provider: kongHas(ctx.version, 'provider:ollama') ? 'ollama' : 'llama2' };
    case 'openai-compatible':
      // Kong speaks the OpenAI format to any URL given as upstream_url.
      return { provider: 'openai' };
  }
}

function commonOptions(o: ModelOptions): LlmOptions {
  return {
    max_tokens: o.maxTokens,
    temperature: o.temperature,
    top_p: o.topP,
    top_k: o.topK,
    input_cost: o.inputCost,
    output_cost: o.outputCost,
  };
}

function providerOptions(ctx: KongContext, p: Provider, model: Model, type: RouteType): LlmOptions {
  if (needsUpstreamUrl(p) && p.upstreamUrl === undefined) {
    ctx.report('provider_option_missing', ['providers', p.name, 'url'], `a ${p.kind} provider needs the URL of its endpoint`, 'set url to the full endpoint URL, path included');
  }
  const upstream = { upstream_url: p.upstreamUrl };
  switch (p.kind) {
    case 'openai':
    case 'cohere':
    case 'openai-compatible':
      return upstream;
    case 'ollama': {
      // Ollama has a well-known local default, so a config may leave url out; Kong still needs it.
      const local = { upstream_url: p.upstreamUrl ?? defaultUpstreamUrl(p, model, type) };
      return kongHas(ctx.version, 'provider:ollama') ? local : { llama2_format: 'ollama', ...local };
    }
    case 'azure':
      return {
        azure_instance: p.azure.instance,
        azure_api_version: p.azure.apiVersion,
        azure_deployment_id: model.deployment ?? model.model,
        ...upstream,
      };
    case 'anthropic':
      return { anthropic_version: p.anthropicVersion, ...upstream };
    case 'mistral':
      return { mistral_format: p.format, ...upstream };
    case 'llama2':
      return { llama2_format: p.format, ...upstream };
    case 'gemini':
      return {
        gemini: p.vertex && { api_endpoint: p.vertex.apiEndpoint, project_id: p.vertex.projectId, location_id: p.vertex.locationId },
        ...upstream,
      };
    case 'bedrock':
      return { bedrock: { aws_region: p.region }, ...upstream };
  }
}

/** The provider's credentials as Kong's `auth` record (also what embeddings calls use). */
export function providerAuth(ctx: KongContext, p: Provider): LlmAuth | undefined {
  return auth(ctx, p);
}

function auth(ctx: KongContext, p: Provider): LlmAuth | undefined {
  const at = ['providers', p.name, 'auth'];
  if (p.allowAuthOverride && NO_AUTH_OVERRIDE.has(p.kind)) {
    ctx.report('unsupported_by_target', ['providers', p.name, 'allowAuthOverride'], `Kong does not let clients override ${p.kind} credentials`, 'set allowAuthOverride to false');
  }
  const allow_override = p.allowAuthOverride && !NO_AUTH_OVERRIDE.has(p.kind);
  if (p.auth === undefined) return allow_override ? { allow_override } : undefined;
  return { ...authFields(ctx, p.auth, at), allow_override };
}

function authFields(ctx: KongContext, a: ProviderAuth, at: readonly string[]): Omit<LlmAuth, 'allow_override'> {
  switch (a.kind) {
    case 'header':
      return { header_name: a.name, header_value: vaultReference(ctx, a.value, [...at, 'value']) };
    case 'param':
      return { param_name: a.name, param_value: vaultReference(ctx, a.value, [...at, 'value']), param_location: a.location };
    case 'aws':
      return {
        aws_access_key_id: vaultReference(ctx, a.accessKeyId, [...at, 'aws', 'accessKeyId']),
        aws_secret_access_key: vaultReference(ctx, a.secretAccessKey, [...at, 'aws', 'secretAccessKey']),
      };
    case 'gcp-service-account':
      return {
        gcp_use_service_account: true,
        gcp_service_account_json: a.json && vaultReference(ctx, a.json, [...at, 'gcpServiceAccount']),
      };
    case 'azure-managed-identity':
      if (!kongHas(ctx.version, 'auth.azure_managed_identity')) {
        ctx.report('unsupported_by_target', at, `Kong ${ctx.version} has no Azure managed identity auth`, `target Kong ${firstVersionWith('auth.azure_managed_identity')} or later`);
        return {};
      }
      return {
        azure_use_managed_identity: true,
        azure_client_id: a.clientId,
        azure_tenant_id: a.tenantId,
        azure_client_secret: a.clientSecret && vaultReference(ctx, a.clientSecret, [...at, 'azureManagedIdentity', 'clientSecret']),
      };
  }
}
