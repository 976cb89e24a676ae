/** OpenAI format to an OpenAI-format upstream (openai, azure, openai-compatible, mistral and llama2
 * in `openai` format): the body passes through with the model pinned; replies pass through untouched. */
import { arrayOr, numberOr, objectOr, parseObject, stringOr } from './json.ts';
import { DONE, fail, type Frame, frameJson, SKIP, type StreamMapper, type StreamStep, type StreamTokens } from './stream/frame.ts';
import { type JsonObject, kongRouteType, type TranslateContext, TranslationError } from './types.ts';

/** Kong's openai `to_format`: model from the config, `stream` always explicit, `top_k` removed
 * because OpenAI rejects it and the option merge may have added it. */
export function toOpenAi(body: Readonly<JsonObject>, ctx: TranslateContext, stream: boolean): JsonObject {
  // The same object as `{ ...mergeModelOptions(body, options), model, stream }` without `top_k`
  // (same keys, same order), built in one pass: no intermediate copies, and no `delete`, which
  // would turn the object into a slow dictionary before it is serialised.
  const o = ctx.model.options;
  const out: JsonObject = {};
  let seen = 0;
  for (const k of Object.keys(body)) {
    let v: unknown;
    switch (k) {
      case 'temperature':
        seen |= 1;
        v = o.temperature ?? body.temperature;
        break;
      case 'max_tokens':
        seen |= 2;
        v = o.maxTokens ?? body.max_tokens;
        break;
      case 'top_p':
        seen |= 4;
        v = o.topP ?? body.top_p;
        break;
      case 'top_k':
        continue;
      case 'model':
        seen |= 8;
        v = ctx.model.model;
        break;
      case 'stream':
        seen |= 16;
        v = stream;
        break;
      default:
        v = body[k];
    }
    if (v !== undefined) out[k] = v;
  }
  if (!(seen & 1) && o.temperature !== undefined) out.temperature = o.temperature;
  if (!(seen & 2) && o.maxTokens !== undefined) out.max_tokens = o.maxTokens;
  if (!(seen & 4) && o.topP !== undefined) out.top_p = o.topP;
  if (!(seen & 8)) out.model = ctx.model.model;
  if (!(seen & 16)) out.stream = stream;
  return out;
}

/** Kong returns the upstream bytes unchanged once it has checked they hold `choices`. */
export function fromOpenAi(text: string, ctx: TranslateContext): { readonly body: string; readonly json: JsonObject } {
  const rt = kongRouteType(ctx.routeType);
  const json = parseObject(text, `failed to decode ${rt} response`);
  if (json.choices === undefined || json.choices === null) throw new TranslationError(`'choices' not in ${rt} response`);
  return { body: text, json };
}

/** Frames are re-emitted byte for byte; they are parsed only to read usage and text. */
export function openAiStreamMapper(): StreamMapper {
  return (frame: Frame, tokens: StreamTokens): StreamStep => {
    if (frame.data === '[DONE]') return DONE;
    if (frame.data.trim() === '') return SKIP;
    const event = frameJson(frame);
    if (!event) return fail('frame is not JSON');
    const usage = objectOr(event.usage);
    if (usage) {
      tokens.prompt = numberOr(usage.prompt_tokens) ?? tokens.prompt;
      tokens.completion = numberOr(usage.completion_tokens) ?? tokens.completion;
      tokens.total = numberOr(usage.total_tokens) ?? tokens.total;
    }
    const first = objectOr(arrayOr(event.choices)?.[0]);
    const delta = objectOr(first?.delta);
    const text = stringOr(delta?.content) ?? stringOr(first?.text) ?? '';
    return { kind: 'chunk', data: frame.data, text };
  };
}
