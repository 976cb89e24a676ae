/** Builds the upstream request for one client request: the provider's URL, headers and body, with
 * the model's options merged and the credential applied.
 *
 * Where this differs from Kong 3.10 on purpose:
 * - `accept-encoding: identity` for every provider (Kong asks openai, azure and bedrock for gzip and
 *   inflates): the translators then always read plain bytes, and the proxy needs no decompression.
 * - the upstream URL keeps its own query (Kong drops it); the client's query is added over it,
 *   as Kong forwards it.
 * - an ollama provider whose URL has no path gets `/api/chat` or `/api/generate`.
 * - a translation error always carries its reason (Kong adds it for gemini and bedrock only).
 * The caller decides which client headers to forward; the returned headers must win over them.
 */
import { defaultUpstreamUrl, routeTypesOf } from '../../model/index.ts';
import { applyAuth, type AuthOutcome } from './auth.ts';
import { signBedrock } from './aws-sigv4.ts';
import { toAnthropic } from './openai_anthropic.ts';
import { toBedrock } from './openai_bedrock.ts';
import { toCohere } from './openai_cohere.ts';
import { toGemini } from './openai_gemini.ts';
import { toLlama2Raw } from './openai_llama2.ts';
import { ollamaPath, toOllama } from './openai_ollama.ts';
import { toOpenAi } from './openai_openai.ts';
import { assertNever, type BuildResult, type BuildUpstreamInput, type JsonObject, kongRouteType, TranslationError } from './types.ts';

/** Synchronous unless a cloud identity token has to be fetched: the proxy awaits only then. */
export function buildUpstreamRequest(input: BuildUpstreamInput): BuildResult | Promise<BuildResult> {
  const { provider, model, routeType, stream } = input;
  const where = `${provider.kind}://${kongRouteType(routeType)}`;
  if (!routeTypesOf(provider.kind).includes(routeType)) return failed(400, `no transformer for ${where}`);

  const base = defaultUpstreamUrl(provider, model, routeType, stream);
  if (base === undefined) return failed(500, `provider '${provider.name}' (${provider.kind}) has no upstream URL`);
  const href = normalisedUrl(base);
  if (href === undefined) return failed(500, `provider '${provider.name}' has an invalid upstream URL`);

  let body: JsonObject;
  try {
    body = translateBody(input);
  } catch (e) {
    const reason = e instanceof TranslationError ? e.message : 'unexpected request shape';
    return failed(400, `error transforming to ${where}: ${reason}`);
  }

  // Most requests send the configured URL as it is; a URL object is made only to change it.
  let url: URL | undefined;
  const editUrl = (): URL => (url ??= new URL(href));
  if (input.clientQuery !== undefined) forwardQuery(editUrl(), input.clientQuery);
  if (provider.kind === 'azure') {
    editUrl().searchParams.set('api-version', input.clientQuery?.get('api-version') ?? provider.azure.apiVersion);
  }
  if (provider.kind === 'ollama' && (editUrl().pathname === '' || editUrl().pathname === '/')) {
    editUrl().pathname = ollamaPath(input);
  }

  const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-encoding': 'identity' };
  if (provider.kind === 'anthropic') headers['anthropic-version'] = provider.anthropicVersion;

  const auth = applyAuth(input, editUrl, headers, body);
  if (auth instanceof Promise) return auth.then((a) => finish(input, a, url ?? href, headers, body));
  return finish(input, auth, url ?? href, headers, body);
}

/** The request once the credential is on it: serialised, and signed for Bedrock. */
function finish(input: BuildUpstreamInput, auth: AuthOutcome, url: URL | string, headers: Record<string, string>, body: JsonObject): BuildResult {
  if (auth.kind === 'failed') return failed(500, auth.message);
  const text = JSON.stringify(body);
  const { provider } = input;
  if (auth.kind === 'sign' && provider.kind === 'bedrock') {
    const signing = typeof url === 'string' ? new URL(url) : url;
    // The model id (e.g. `anthropic.claude-3-haiku-20240307-v1:0`) is sent percent-encoded, as the
    // AWS SDKs do, so the path aws4 signs is the path the server sees.
    signing.pathname = signing.pathname
      .split('/')
      .map((s) => encodeURIComponent(decodeURIComponent(s)))
      .join('/');
    const signed = signBedrock({
      url: signing,
      region: provider.region,
      body: text,
      headers,
      credentials: auth.credentials,
      now: input.now?.() ?? new Date(),
    });
    return { ok: true, request: { url: signing.toString(), method: 'POST', headers: signed, body: text } };
  }
  return { ok: true, request: { url: typeof url === 'string' ? url : url.toString(), method: 'POST', headers, body: text } };
}

/** Each upstream URL as the URL parser writes it (`https://host:443/x` → `https://host/x`),
 * remembered: a route sends most requests to one URL. `undefined` when it does not parse. */
const NORMALISED = new Map<string, string>();
const NORMALISED_MAX = 1024;

function normalisedUrl(text: string): string | undefined {
  let href = NORMALISED.get(text);
  if (href !== undefined) return href;
  const parsed = URL.parse(text);
  if (parsed === null) return undefined;
  href = parsed.href;
  if (NORMALISED.size >= NORMALISED_MAX) NORMALISED.clear();
  NORMALISED.set(text, href);
  return href;
}

/** The provider-format body; throws `TranslationError` when the client body cannot be converted. */
function translateBody(input: BuildUpstreamInput): JsonObject {
  const { provider, body, stream } = input;
  switch (provider.kind) {
    case 'openai':
    case 'azure':
    case 'openai-compatible':
      return toOpenAi(body, input, stream);
    case 'anthropic':
      return toAnthropic(body, input, stream);
    case 'cohere':
      return toCohere(body, input, stream);
    case 'mistral':
      switch (provider.format) {
        case 'openai':
          return toOpenAi(body, input, stream);
        case 'ollama':
          return toOllama(body, input, stream);
      }
      break;
    case 'llama2':
      switch (provider.format) {
        case 'raw':
          return toLlama2Raw(body, input, stream);
        case 'openai':
          return toOpenAi(body, input, stream);
        case 'ollama':
          return toOllama(body, input, stream);
      }
      break;
    case 'gemini':
      return toGemini(body, input);
    case 'bedrock':
      return toBedrock(body, input);
    case 'ollama':
      return toOllama(body, input, stream);
  }
  return assertNever(provider);
}

/** The client's query goes upstream as Kong forwards it; a name it repeats replaces the URL's own. */
function forwardQuery(url: URL, query: URLSearchParams | undefined): void {
  if (query === undefined) return;
  for (const name of new Set(query.keys())) {
    url.searchParams.delete(name);
    for (const value of query.getAll(name)) url.searchParams.append(name, value);
  }
}

function failed(status: 400 | 500, message: string): BuildResult {
  return { ok: false, status, message };
}
