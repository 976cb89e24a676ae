/** OpenAI format ↔ Ollama's native API (`/api/chat`, `/api/generate`; used by the ollama provider
 * and by llama2 and mistral in `ollama` format), including its JSON-lines stream.
 * Mirrors Kong 3.10 `to_ollama` / `from_ollama` in `kong/llm/drivers/shared.lua`. */
import { arrayOr, numberOr, objectOr, parseObject, present, stringOr } from './json.ts';
import { mergeModelOptions } from './options.ts';
import { chunk, DONE, fail, type Frame, frameJson, type StreamMapper, type StreamStep, type StreamTokens } from './stream/frame.ts';
import { type JsonObject, type TranslateContext, TranslationError } from './types.ts';

/** The Ollama path for a route type, appended when an ollama provider's URL has no path. */
export function ollamaPath(ctx: TranslateContext): string {
  switch (ctx.routeType) {
    case 'chat':
      return '/api/chat';
    case 'completions':
      return '/api/generate';
  }
}

/** Kong adds the `options` block whenever the model has an options table, which a stored Kong
 * config always has (schema defaults fill it); our model always has one too, so it is always sent. */
export function toOllama(body: Readonly<JsonObject>, ctx: TranslateContext, stream: boolean): JsonObject {
  const req = mergeModelOptions(body, ctx.model.options);
  const list = arrayOr(req.messages);
  if (list && present(req.prompt)) {
    throw new TranslationError("cannot run raw 'prompt' and chat history 'messages' requests at the same time - refer to schema");
  }
  return {
    model: ctx.model.model,
    messages: list,
    prompt: list ? undefined : req.prompt,
    stream,
    tools: req.tools,
    tool_choice: req.tool_choice,
    options: { num_predict: req.max_tokens, temperature: req.temperature, top_p: req.top_p, top_k: req.top_k },
  };
}

export function fromOllama(text: string, ctx: TranslateContext): JsonObject {
  const res = parseObject(text, 'failed to decode ollama response');
  const evalCount = numberOr(res.eval_count);
  const promptCount = numberOr(res.prompt_eval_count);
  // Ollama gives no stop reason: hitting exactly max_tokens is taken to mean "length".
  const stop = evalCount !== undefined && evalCount === (ctx.model.options.maxTokens ?? -1) ? 'length' : 'stop';
  const common = {
    model: res.model,
    // Kong copies Ollama's ISO `created_at` string into OpenAI's (numeric) `created`.
    created: res.created_at,
    usage: { completion_tokens: evalCount ?? 0, prompt_tokens: promptCount ?? 0, total_tokens: (evalCount ?? 0) + (promptCount ?? 0) },
  };
  switch (ctx.routeType) {
    case 'chat':
      return {
        ...common,
        object: 'chat.completion',
        choices: [{ finish_reason: res.finish_reason ?? stop, index: 0, message: res.message }],
      };
    case 'completions':
      return { ...common, object: 'text_completion', choices: [{ index: 0, text: res.response }] };
  }
}

export function ollamaStreamMapper(ctx: TranslateContext): StreamMapper {
  return (frame: Frame, tokens: StreamTokens): StreamStep => {
    const event = frameJson(frame);
    if (!event) return fail('failed to decode ollama response');
    if (present(event.done)) {
      tokens.prompt = numberOr(event.prompt_eval_count) ?? 0;
      tokens.completion = numberOr(event.eval_count) ?? 0;
      return DONE;
    }
    switch (ctx.routeType) {
      case 'chat': {
        const text = stringOr(objectOr(event.message)?.content) ?? '';
        return chunk({ choices: [{ delta: { content: text }, index: 0 }], model: event.model, object: 'chat.completion.chunk' }, text);
      }
      case 'completions': {
        const text = stringOr(event.response) ?? '';
        return chunk({ choices: [{ text, index: 0 }], model: event.model, object: 'text_completion' }, text);
      }
    }
  };
}
