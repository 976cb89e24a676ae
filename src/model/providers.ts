/** Facts about each provider kind that every target and the proxy share: which route types it
 * serves and where its API lives by default. Provider facts, not gateway facts. */
import type { Model, Provider, ProviderKind, RouteType } from './gateway.ts';

const CHAT_ONLY: ReadonlySet<ProviderKind> = new Set(['gemini', 'bedrock', 'mistral']);

export function routeTypesOf(kind: ProviderKind): readonly RouteType[] {
  return CHAT_ONLY.has(kind) ? ['chat'] : ['chat', 'completions'];
}

/** Providers with no public default endpoint: the config must give `url`. */
export function needsUpstreamUrl(p: Provider): boolean {
  return p.kind === 'llama2' || p.kind === 'openai-compatible' || (p.kind === 'mistral' && p.format === 'ollama');
}

/** The endpoint a request for `model` on a route of `type` goes to, when the config sets no URL. */
export function defaultUpstreamUrl(p: Provider, model: Model, type: RouteType, stream = false): string | undefined {
  if (p.upstreamUrl !== undefined) return p.upstreamUrl;
  const chat = type === 'chat';
  switch (p.kind) {
    case 'openai':
      return `https://api.openai.com:443/v1/${chat ? 'chat/completions' : 'completions'}`;
    case 'azure':
      return `https://${p.azure.instance}.openai.azure.com:443/openai/deployments/${model.deployment ?? model.model}/${chat ? 'chat/completions' : 'completions'}?api-version=${p.azure.apiVersion}`;
    case 'anthropic':
      return `https://api.anthropic.com:443/v1/${chat ? 'messages' : 'complete'}`;
    case 'cohere':
      return `https://api.cohere.com:443/v1/${chat ? 'chat' : 'generate'}`;
    case 'mistral':
      return p.format === 'openai' ? 'https://api.mistral.ai:443/v1/chat/completions' : undefined;
    case 'gemini': {
      const op = stream ? 'streamGenerateContent' : 'generateContent';
      return p.vertex
        ? `https://${p.vertex.apiEndpoint}/v1/projects/${p.vertex.projectId}/locations/${p.vertex.locationId}/publishers/google/models/${model.model}:${op}`
        : `https://generativelanguage.googleapis.com/v1beta/models/${model.model}:${op}`;
    }
    case 'bedrock':
      return `https://bedrock-runtime.${p.region}.amazonaws.com/model/${model.model}/${stream ? 'converse-stream' : 'converse'}`;
    case 'ollama':
      return `http://localhost:11434/api/${chat ? 'chat' : 'generate'}`;
    case 'llama2':
    case 'openai-compatible':
      return undefined;
  }
}
