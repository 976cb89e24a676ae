/**
 * The mock's URL scheme, in both directions: `mockPathFor` (what a config's upstream should be) and
 * `resolveMockRoute` (which provider and wire format a request path means). The single rule:
 *
 *     mock path = "/" + provider kind + the provider's real path (and query)
 *
 * e.g. `/anthropic/v1/messages`, `/azure/openai/deployments/gpt-4o/chat/completions?api-version=…`,
 * `/bedrock/model/<id>/converse-stream`. The prefix disambiguates providers that share a real
 * path (openai, mistral, openai-compatible, llama2 in openai format all use `/v1/chat/completions`).
 * Unprefixed real paths are accepted too and mean the provider that owns them (`/v1/chat/completions`
 * is OpenAI, `/api/chat` is Ollama, `/generate` is llama2 raw), so an SDK or a gateway that only lets
 * you change the host still works.
 */
import type { ProviderKind, RouteType } from '../model/index.ts';
import { PROVIDER_KINDS } from '../model/index.ts';
import type { Dialect, MockProviderRef } from './types.ts';

/** A resolved request path. */
export interface MockRoute {
  readonly kind: ProviderKind;
  readonly dialect: Dialect;
  /** Gemini and Bedrock carry the model in the path; Azure its deployment. */
  readonly pathModel?: string;
  /** The endpoint itself says "stream" (Gemini, Bedrock, TGI's `/generate_stream`). */
  readonly streamByPath: boolean;
}

/** The Azure `api-version` that `mockPathFor` adds when none is given. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

const KINDS: ReadonlySet<string> = new Set(PROVIDER_KINDS);

const OPENAI: readonly Dialect[] = ['openai-chat', 'openai-completions'];
const OLLAMA: readonly Dialect[] = ['ollama-chat', 'ollama-generate'];

/** Which wire formats each provider kind may be spoken to in; anything else is a 404, as it would be upstream. */
const SPEAKS: Readonly<Record<ProviderKind, readonly Dialect[]>> = {
  openai: OPENAI,
  azure: OPENAI,
  anthropic: ['anthropic-messages', 'anthropic-complete'],
  cohere: ['cohere-chat', 'cohere-generate'],
  mistral: [...OPENAI, ...OLLAMA],
  llama2: ['hf-generate', ...OPENAI, ...OLLAMA],
  gemini: ['gemini'],
  bedrock: ['bedrock-converse'],
  ollama: OLLAMA,
  'openai-compatible': OPENAI,
};

function dialectFor(ref: MockProviderRef, type: RouteType): Dialect {
  const kind = typeof ref === 'string' ? ref : ref.kind;
  const format = typeof ref === 'string' ? undefined : ref.format;
  const chat = type === 'chat';
  switch (kind) {
    case 'openai':
    case 'azure':
    case 'openai-compatible':
      return chat ? 'openai-chat' : 'openai-completions';
    case 'anthropic':
      return chat ? 'anthropic-messages' : 'anthropic-complete';
    case 'cohere':
      return chat ? 'cohere-chat' : 'cohere-generate';
    case 'ollama':
      return chat ? 'ollama-chat' : 'ollama-generate';
    case 'mistral':
      if (format === 'ollama') return chat ? 'ollama-chat' : 'ollama-generate';
      return chat ? 'openai-chat' : 'openai-completions';
    case 'llama2':
      if (format === 'openai') return chat ? 'openai-chat' : 'openai-completions';
      if (format === 'ollama') return chat ? 'ollama-chat' : 'ollama-generate';
      return 'hf-generate';
    case 'gemini':
      return 'gemini';
    case 'bedrock':
      return 'bedrock-converse';
  }
}

export interface MockPathOptions {
  readonly stream?: boolean;
  /** Azure only. @default DEFAULT_AZURE_API_VERSION */
  readonly apiVersion?: string;
}

/** Path (with query, for Azure) of the mock endpoint serving `model` on a route of `type`. */
export function mockPathFor(ref: MockProviderRef, type: RouteType, model: string, options: MockPathOptions = {}): string {
  const kind = typeof ref === 'string' ? ref : ref.kind;
  const stream = options.stream === true;
  const prefix = `/${kind}`;
  const m = encodeURIComponent(model);
  if (kind === 'azure') {
    const op = type === 'chat' ? 'chat/completions' : 'completions';
    const v = encodeURIComponent(options.apiVersion ?? DEFAULT_AZURE_API_VERSION);
    return `${prefix}/openai/deployments/${m}/${op}?api-version=${v}`;
  }
  switch (dialectFor(ref, type)) {
    case 'openai-chat':
      return `${prefix}/v1/chat/completions`;
    case 'openai-completions':
      return `${prefix}/v1/completions`;
    case 'anthropic-messages':
      return `${prefix}/v1/messages`;
    case 'anthropic-complete':
      return `${prefix}/v1/complete`;
    case 'cohere-chat':
      return `${prefix}/v1/chat`;
    case 'cohere-generate':
      return `${prefix}/v1/generate`;
    case 'ollama-chat':
      return `${prefix}/api/chat`;
    case 'ollama-generate':
      return `${prefix}/api/generate`;
    case 'hf-generate':
      return `${prefix}/${stream ? 'generate_stream' : 'generate'}`;
    case 'gemini':
      return `${prefix}/v1beta/models/${m}:${stream ? 'streamGenerateContent' : 'generateContent'}`;
    case 'bedrock-converse':
      return `${prefix}/model/${m}/${stream ? 'converse-stream' : 'converse'}`;
  }
}

/** The base URL path each provider's official SDK expects (OpenAI's includes `/v1`, the others don't). */
export function mockSdkBasePath(kind: ProviderKind): string {
  return kind === 'openai' || kind === 'openai-compatible' ? `/${kind}/v1` : `/${kind}`;
}

interface Endpoint {
  readonly dialect: Dialect;
  /** The provider that owns this real path when it comes without a prefix. */
  readonly owner: ProviderKind;
  readonly pathModel?: string;
  readonly streamByPath: boolean;
}

const EXACT: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  ['/v1/chat/completions', { dialect: 'openai-chat', owner: 'openai', streamByPath: false }],
  ['/v1/completions', { dialect: 'openai-completions', owner: 'openai', streamByPath: false }],
  ['/v1/messages', { dialect: 'anthropic-messages', owner: 'anthropic', streamByPath: false }],
  ['/v1/complete', { dialect: 'anthropic-complete', owner: 'anthropic', streamByPath: false }],
  ['/v1/chat', { dialect: 'cohere-chat', owner: 'cohere', streamByPath: false }],
  ['/v1/generate', { dialect: 'cohere-generate', owner: 'cohere', streamByPath: false }],
  ['/api/chat', { dialect: 'ollama-chat', owner: 'ollama', streamByPath: false }],
  ['/api/generate', { dialect: 'ollama-generate', owner: 'ollama', streamByPath: false }],
  ['/generate', { dialect: 'hf-generate', owner: 'llama2', streamByPath: false }],
  ['/generate_stream', { dialect: 'hf-generate', owner: 'llama2', streamByPath: true }],
]);

const AZURE_ROOT = '/openai/deployments/';

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** A real provider path (no prefix) → endpoint. */
function matchEndpoint(path: string): Endpoint | undefined {
  const exact = EXACT.get(path);
  if (exact !== undefined) return exact;
  if (path.startsWith(AZURE_ROOT)) {
    const tail = path.slice(AZURE_ROOT.length);
    const slash = tail.indexOf('/');
    if (slash <= 0) return undefined;
    const op = tail.slice(slash);
    const dialect = op === '/chat/completions' ? 'openai-chat' : op === '/completions' ? 'openai-completions' : undefined;
    const dep = safeDecode(tail.slice(0, slash));
    if (dialect === undefined || dep === undefined) return undefined;
    return { dialect, owner: 'azure', pathModel: dep, streamByPath: false };
  }
  if (path.startsWith('/model/')) {
    const tail = path.slice('/model/'.length);
    const slash = tail.lastIndexOf('/');
    const op = tail.slice(slash + 1);
    const model = safeDecode(tail.slice(0, slash));
    if (slash <= 0 || model === undefined || (op !== 'converse' && op !== 'converse-stream')) return undefined;
    return { dialect: 'bedrock-converse', owner: 'bedrock', pathModel: model, streamByPath: op === 'converse-stream' };
  }
  // Gemini API (`/v1beta/models/m:op`) and Vertex (`/v1/projects/…/publishers/google/models/m:op`).
  if (path.startsWith('/v1beta/') || path.startsWith('/v1/projects/')) {
    const at = path.lastIndexOf('/models/');
    const tail = at === -1 ? undefined : safeDecode(path.slice(at + '/models/'.length));
    const colon = tail === undefined ? -1 : tail.lastIndexOf(':');
    if (tail === undefined || colon <= 0) return undefined;
    const op = tail.slice(colon + 1);
    if (op !== 'generateContent' && op !== 'streamGenerateContent') return undefined;
    return { dialect: 'gemini', owner: 'gemini', pathModel: tail.slice(0, colon), streamByPath: op === 'streamGenerateContent' };
  }
  return undefined;
}

/** Which provider and wire format a request pathname (no query) addresses, or undefined for a 404. */
export function resolveMockRoute(pathname: string): MockRoute | undefined {
  let path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  let kind: ProviderKind | undefined;
  // `/openai/deployments/…` is Azure's real path, not the `openai` prefix.
  if (!path.startsWith(AZURE_ROOT)) {
    const end = path.indexOf('/', 1);
    const first = end === -1 ? path.slice(1) : path.slice(1, end);
    if (KINDS.has(first)) {
      kind = first as ProviderKind;
      path = end === -1 ? '/' : path.slice(end);
    }
  }
  const ep = matchEndpoint(path);
  if (ep === undefined) return undefined;
  const k = kind ?? ep.owner;
  // Deployment paths are Azure's alone, and Azure has no other.
  if ((k === 'azure') !== (ep.owner === 'azure')) return undefined;
  if (!SPEAKS[k].includes(ep.dialect)) return undefined;
  return ep.pathModel === undefined
    ? { kind: k, dialect: ep.dialect, streamByPath: ep.streamByPath }
    : { kind: k, dialect: ep.dialect, pathModel: ep.pathModel, streamByPath: ep.streamByPath };
}

/** One line per provider, for the 404 body and `--help` style listings. */
export function describeMockScheme(): string {
  return PROVIDER_KINDS.map((k) => {
    const chat = mockPathFor(k, 'chat', '{model}');
    return `${k}: ${decodeURIComponent(chat)}`;
  }).join('\n');
}
