/** OpenAI format ↔ Cohere v1: chat to `/v1/chat` (chat_history + message), completions to
 * `/v1/generate`, the v1 JSON-lines stream back to OpenAI chunks. Replies in the v2 `message`
 * shape are understood too. Mirrors Kong 3.10 `kong/llm/drivers/cohere.lua`. */
import { arrayOr, numberOr, objectOr, parseObject, present, stringOr } from './json.ts';
import { mergeModelOptions } from './options.ts';
import { toOpenAi } from './openai_openai.ts';
import { chunk, DONE, fail, type Frame, frameJson, SKIP, type StreamMapper, type StreamStep, type StreamTokens } from './stream/frame.ts';
import { type JsonObject, type TranslateContext, TranslationError } from './types.ts';

export function toCohere(body: Readonly<JsonObject>, ctx: TranslateContext, stream: boolean): JsonObject {
  // Kong sends a request with tools in OpenAI format unchanged: Cohere's v1 chat has no OpenAI
  // tools, so this only works against an OpenAI-compatible Cohere URL. Kept for parity.
  if (body.tools !== undefined) return toOpenAi(body, ctx, stream);

  const { top_p, top_k, messages, ...rest } = mergeModelOptions(body, ctx.model.options);
  const out: JsonObject = { ...rest, p: top_p, k: top_k, model: ctx.model.model, stream };
  const list = arrayOr(messages);
  if (list && present(body.prompt)) {
    throw new TranslationError("cannot run a 'prompt' and a history of 'messages' at the same time - refer to schema");
  }
  if (list) {
    // All but the last message become history; assistant turns are CHATBOT and everything else,
    // system included, is USER (Cohere v1 has no system role in history).
    if (list.length > 1) {
      out.chat_history = list.slice(0, -1).map((m) => {
        const msg = objectOr(m) ?? {};
        const bot = msg.role === 'assistant' || msg.role === 'CHATBOT';
        return { role: bot ? 'CHATBOT' : 'USER', message: msg.content };
      });
    }
    out.message = objectOr(list.at(-1))?.content;
  }
  return out;
}

function billed(units: unknown): JsonObject | undefined {
  const u = objectOr(units);
  const input = numberOr(u?.input_tokens);
  const output = numberOr(u?.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  return {
    completion_tokens: output,
    prompt_tokens: input,
    total_tokens: input !== undefined && output !== undefined ? input + output : undefined,
  };
}

function generations(res: JsonObject, ctx: TranslateContext): JsonObject {
  return {
    choices: (arrayOr(res.generations) ?? []).map((g, i) => ({ index: i, text: objectOr(g)?.text, finish_reason: 'stop' })),
    object: 'text_completion',
    model: ctx.model.model,
    id: res.id,
    usage: billed(objectOr(res.meta)?.billed_units),
  };
}

function chatText(res: JsonObject, ctx: TranslateContext, usage: JsonObject | undefined): JsonObject {
  return {
    choices: [{ index: 0, message: { role: 'assistant', content: res.text }, finish_reason: 'stop' }],
    object: 'chat.completion',
    model: ctx.model.model,
    id: res.generation_id,
    usage,
  };
}

/** Usage comes from `meta.billed_units` (what Cohere charges), not `token_count`, as in Kong;
 * only a completions-route reply in chat shape reads `token_count`. */
export function fromCohere(text: string, ctx: TranslateContext): JsonObject {
  const res = parseObject(text, 'failed to decode cohere response');
  const missing = "'text' or 'generations' missing from cohere response body";
  switch (ctx.routeType) {
    case 'chat': {
      if (present(res.prompt) && present(res.generations)) return generations(res, ctx);
      if (present(res.text)) return chatText(res, ctx, billed(objectOr(res.meta)?.billed_units));
      const message = objectOr(res.message);
      if (message) {
        return {
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: message.tool_plan ?? message.content, tool_calls: message.tool_calls },
              finish_reason: res.finish_reason,
            },
          ],
          object: 'chat.completion',
          model: ctx.model.model,
          id: res.id,
          usage: billed(objectOr(res.usage)?.billed_units),
        };
      }
      throw new TranslationError(missing);
    }
    case 'completions': {
      if (present(res.prompt) && present(res.generations)) return generations(res, ctx);
      if (present(res.text)) {
        const count = objectOr(res.token_count);
        const usage = count && { completion_tokens: count.response_tokens, prompt_tokens: count.prompt_tokens, total_tokens: count.total_tokens };
        return chatText(res, ctx, usage);
      }
      throw new TranslationError(missing);
    }
  }
}

export function cohereStreamMapper(ctx: TranslateContext): StreamMapper {
  let id: unknown;
  const model = ctx.model.model;
  return (frame: Frame, tokens: StreamTokens): StreamStep => {
    if (frame.data.trim() === '') return SKIP;
    const event = frameJson(frame);
    if (!event) return fail('failed to decode event frame from cohere');
    switch (event.event_type) {
      case 'stream-start':
        id = event.generation_id;
        // Kong sends this chat-shaped role chunk on completions routes too.
        return chunk({ choices: [{ delta: { content: '', role: 'assistant' }, index: 0 }], id, model, object: 'chat.completion.chunk' });
      case 'text-generation': {
        const text = stringOr(event.text) ?? '';
        switch (ctx.routeType) {
          case 'chat':
            return chunk(
              { choices: [{ delta: { content: text }, index: 0, finish_reason: null, logprobs: null }], id, model, object: 'chat.completion.chunk' },
              text,
            );
          case 'completions':
            return chunk({ choices: [{ text, index: 0, finish_reason: null, logprobs: null }], id, model, object: 'text_completion' }, text);
        }
        break;
      }
      case 'stream-end': {
        const response = objectOr(event.response);
        const units = objectOr(objectOr(response?.meta)?.billed_units);
        const count = objectOr(response?.token_count);
        // Kong reads the prompt fallback from `event.token_count` (a typo for `response.token_count`).
        tokens.completion = numberOr(units?.output_tokens) ?? numberOr(count?.response_tokens) ?? 0;
        tokens.prompt = numberOr(units?.input_tokens) ?? numberOr(count?.prompt_tokens) ?? 0;
        return DONE;
      }
    }
    // search-results, citation-generation, tool events: Kong has no mapping for them.
    return SKIP;
  };
}
