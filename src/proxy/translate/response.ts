/** Translates a buffered (non-streaming) upstream reply to OpenAI format, as Kong's
 * `normalize-json-response` filter does: only a 200 is translated, and a 200 that cannot be
 * translated becomes a 500 carrying the driver's reason. */
import type { Model, Provider, RouteType } from '../../model/index.ts';
import { isObject, numberOr, objectOr } from './json.ts';
import { fromAnthropic } from './openai_anthropic.ts';
import { fromBedrock } from './openai_bedrock.ts';
import { fromCohere } from './openai_cohere.ts';
import { fromGemini } from './openai_gemini.ts';
import { fromLlama2Raw } from './openai_llama2.ts';
import { fromOllama } from './openai_ollama.ts';
import { fromOpenAi } from './openai_openai.ts';
import { assertNever, type JsonObject, kongRouteType, type TranslateContext, type TranslatedResponse, TranslationError, type Usage } from './types.ts';

export function translateResponse(
  provider: Provider,
  model: Model,
  routeType: RouteType,
  status: number,
  bodyText: string,
): TranslatedResponse {
  // Kong leaves every non-200 reply alone, 2xx included (`status ~= 200` in its filters).
  if (status !== 200) return { status, body: bodyText };
  const ctx: TranslateContext = { provider, model, routeType };
  try {
    const { body, json } = translate(ctx, bodyText);
    const usage = usageOf(json);
    return usage ? { status: 200, body, usage } : { status: 200, body };
  } catch (e) {
    // Kong's pcall turns a Lua runtime error into the same message; ours are TypeErrors.
    const reason = e instanceof TranslationError ? e.message : e instanceof Error ? e.message : 'unexpected_error';
    const message = `transformation failed from type ${provider.kind}://${kongRouteType(routeType)}: ${reason}`;
    return { status: 500, body: { error: { message } } };
  }
}

function translate(ctx: TranslateContext, text: string): { body: JsonObject | string; json: JsonObject } {
  const built = (json: JsonObject): { body: JsonObject; json: JsonObject } => {
    const body = dropUndefined(json);
    return { body, json: body };
  };
  const { provider } = ctx;
  switch (provider.kind) {
    case 'openai':
    case 'azure':
    case 'openai-compatible':
      return fromOpenAi(text, ctx);
    case 'anthropic':
      return built(fromAnthropic(text, ctx));
    case 'cohere':
      return built(fromCohere(text, ctx));
    case 'mistral':
      switch (provider.format) {
        case 'openai':
          return fromOpenAi(text, ctx);
        case 'ollama':
          return built(fromOllama(text, ctx));
      }
      break;
    case 'llama2':
      switch (provider.format) {
        case 'raw':
          return built(fromLlama2Raw(text, ctx));
        case 'openai':
          return fromOpenAi(text, ctx);
        case 'ollama':
          return built(fromOllama(text, ctx));
      }
      break;
    case 'gemini':
      return built(fromGemini(text, ctx));
    case 'bedrock':
      return built(fromBedrock(text, ctx));
    case 'ollama':
      return built(fromOllama(text, ctx));
  }
  return assertNever(provider);
}

/** Kong's analytics read `usage.prompt_tokens` / `completion_tokens` off the translated body. */
function usageOf(json: JsonObject): Usage | undefined {
  const usage = objectOr(json.usage);
  const prompt = numberOr(usage?.prompt_tokens);
  const completion = numberOr(usage?.completion_tokens);
  if (prompt === undefined || completion === undefined) return undefined;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: numberOr(usage?.total_tokens) ?? prompt + completion };
}

/** A Lua table drops nil fields; our builders leave `undefined`, removed here at every depth so
 * the body is what the client will see. */
function dropUndefined(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = cleanValue(v);
  return out;
}

function cleanValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cleanValue);
  return isObject(v) ? dropUndefined(v) : v;
}
