/** OpenAI format to an OpenAI-format upstream (openai, azure, openai-compatible, mistral and llama2
 * in `openai` format): the body passes through with the model pinned; replies pass through untouched. */
import { arrayOr, numberOr, objectOr, parseObject, stringOr } from './json.ts';
import { mergeModelOptions } from './options.ts';
import { DONE, fail, type Frame, frameJson, SKIP, type StreamMapper, type StreamStep, type StreamTokens } from './stream/frame.ts';
import { type JsonObject, kongRouteType, type TranslateContext, TranslationError } from './types.ts';

/** Kong's openai `to_format`: model from the config, `stream` always explicit, `top_k` removed
 * because OpenAI rejects it and the option merge may have added it. */
export function toOpenAi(body: Readonly<JsonObject>, ctx: TranslateContext, stream: boolean): JsonObject {
  const out: JsonObject = { ...mergeModelOptions(body, ctx.model.options), model: ctx.model.model, stream };
  delete out.top_k;
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
