/** OpenAI chat ↔ Gemini `generateContent` / `streamGenerateContent` (public API and Vertex AI).
 * Replies and stream elements map as Kong 3.10 `kong/llm/drivers/gemini.lua` does; the request
 * follows Gemini's documented wire format where Kong's tool mapping does not (noted below).
 * @see https://ai.google.dev/api/generate-content */
import { arrayOr, isObject, numberOr, objectOr, parseObject, stopList, stringOr } from './json.ts';
import { mergeModelOptions } from './options.ts';
import { ARRAY_END } from './stream/json-array.ts';
import { chunk, DONE, fail, type Frame, frameJson, SKIP, type StreamMapper, type StreamStep, type StreamTokens } from './stream/frame.ts';
import { type JsonObject, type TranslateContext, TranslationError } from './types.ts';

const ROLE: Readonly<Record<string, string>> = { user: 'user', assistant: 'model' };

export function toGemini(body: Readonly<JsonObject>, ctx: TranslateContext): JsonObject {
  const req = mergeModelOptions(body, ctx.model.options);
  const contents: JsonObject[] = [];
  let system: string | undefined;
  /** Gemini's functionResponse needs the function's name; OpenAI tool messages only carry the id. */
  const toolNames = new Map<unknown, unknown>();

  (arrayOr(req.messages) ?? []).forEach((m, i) => {
    const msg = objectOr(m) ?? {};
    const calls = msg.role === 'assistant' ? arrayOr(msg.tool_calls) : undefined;
    if (msg.role === 'system') {
      // All system messages are concatenated, with no separator, into one instruction.
      system = (system ?? '') + (stringOr(msg.content) ?? '');
    } else if (msg.role === 'tool') {
      // Kong sends role "function" with the name hard-coded to "get_product_info"; Gemini wants
      // the user turn to carry a functionResponse naming the function that was called.
      contents.push({
        role: 'user',
        parts: [{ functionResponse: { name: toolNames.get(msg.tool_call_id) ?? msg.name, response: { content: msg.content } } }],
      });
    } else if (calls && calls.length > 0) {
      // Kong sends these as role "function" with names only; Gemini wants the model turn's calls.
      contents.push({
        role: 'model',
        parts: calls.map((c) => {
          const call = objectOr(c) ?? {};
          const fn = objectOr(call.function) ?? {};
          toolNames.set(call.id, fn.name);
          return { functionCall: { name: fn.name, args: parseArgs(fn.arguments) } };
        }),
      });
    } else {
      contents.push({ role: ROLE[stringOr(msg.role) ?? 'user'] ?? 'user', parts: toParts(msg.content, i + 1) });
    }
  });

  if (system !== undefined && ctx.model.model.startsWith('gemini-1.0')) {
    throw new TranslationError("system prompts aren't supported on gemini-1.0 models");
  }
  const functions = (arrayOr(req.tools) ?? []).flatMap((t) => {
    const fn = objectOr(objectOr(t)?.function);
    return fn ? [fn] : [];
  });
  return {
    contents: contents.length > 0 ? contents : undefined,
    systemInstruction: system === undefined ? undefined : { parts: [{ text: system }] },
    generationConfig: {
      maxOutputTokens: req.max_tokens,
      stopSequences: stopList(req.stop),
      temperature: req.temperature,
      topK: req.top_k,
      topP: req.top_p,
    },
    tools: functions.length > 0 ? [{ function_declarations: functions }] : undefined,
    tool_config: req.tool_config,
  };
}

function parseArgs(args: unknown): unknown {
  try {
    return JSON.parse(stringOr(args) ?? '{}');
  } catch {
    throw new TranslationError('tool call arguments are not JSON');
  }
}

function toParts(content: unknown, position: number): JsonObject[] {
  if (typeof content === 'string') return [{ text: content }];
  const parts = arrayOr(content);
  if (!parts) return [];
  if (parts.length === 0) throw new TranslationError(`message at position ${position} does not match expected array format`);
  return parts.map((p, j) => {
    const part = objectOr(p);
    if (!part) throw new TranslationError(`message at position ${position}, part at position ${j + 1} does not match expected OpenAI format`);
    return toPart(part);
  });
}

/** Text parts as text; `data:` image URLs inline, any other URL (https, gs://) as file data. */
function toPart(part: JsonObject): JsonObject {
  switch (part.type) {
    case 'text': {
      const text = stringOr(part.text);
      if (text === undefined) throw new TranslationError("message part type is 'text' but is missing .text block");
      return { text };
    }
    case 'image_url': {
      const url = stringOr(objectOr(part.image_url)?.url);
      if (url === undefined) throw new TranslationError("message part type is 'image_url' but is missing .image_url.url block");
      const inline = /^data:([^;,]*);([^,]*),(.*)$/s.exec(url);
      if (inline) return { inlineData: { data: inline[3], mimeType: inline[1] } };
      return { fileData: { fileUri: url, mimeType: 'image/generic' } };
    }
    default:
      throw new TranslationError(`cannot transform part of type '${String(part.type)}' to Gemini format`);
  }
}

function firstCandidate(res: JsonObject): JsonObject | undefined {
  return objectOr(arrayOr(res.candidates)?.[0]);
}

function firstParts(res: JsonObject): readonly unknown[] {
  return arrayOr(objectOr(firstCandidate(res)?.content)?.parts) ?? [];
}

function toolCalls(parts: readonly unknown[]): JsonObject[] {
  return parts.map((p) => {
    const call = objectOr(objectOr(p)?.functionCall) ?? {};
    return { function: { name: call.name, arguments: JSON.stringify(call.args ?? null) }, type: 'function' };
  });
}

export function fromGemini(text: string, ctx: TranslateContext): JsonObject {
  const res = parseObject(text, 'failed to decode response from Gemini');
  const candidate = firstCandidate(res);
  if (!candidate) throw new TranslationError('no generation candidates received from Gemini, or max_tokens too short');
  const parts = firstParts(res);
  const first = objectOr(parts[0]);
  const choices: JsonObject[] = [];
  const finish = stringOr(candidate.finishReason);
  if (typeof first?.text === 'string') {
    choices.push({ index: 0, message: { role: 'assistant', content: first.text }, finish_reason: finish?.toLowerCase() });
  } else if (isObject(first?.functionCall)) {
    // Kong's tool calls carry no `type` and no finish_reason; `type` is added so OpenAI clients accept them.
    choices.push({ index: 0, message: { role: 'assistant', tool_calls: toolCalls(parts) } });
  }
  const meta = objectOr(res.usageMetadata);
  return {
    choices,
    model: ctx.model.model,
    object: choices.length > 0 && typeof first?.text === 'string' ? 'chat.completion' : undefined,
    usage: meta && {
      prompt_tokens: meta.promptTokenCount,
      completion_tokens: meta.candidatesTokenCount,
      total_tokens: meta.totalTokenCount,
    },
  };
}

/** Each array element becomes one chunk. As in Kong the chunks carry no `object` or `id`, and
 * `finish_reason` is Gemini's own upper-case value (the non-streaming reply lower-cases it). */
export function geminiStreamMapper(ctx: TranslateContext): StreamMapper {
  const model = ctx.model.model;
  return (frame: Frame, tokens: StreamTokens): StreamStep => {
    if (frame.data.trim() === '') return SKIP;
    if (frame.data === ARRAY_END) return DONE;
    const event = frameJson(frame);
    if (!event) return fail('failed to decode stream event frame from gemini');
    const finish = firstCandidate(event)?.finishReason;
    const parts = firstParts(event);
    const first = objectOr(parts[0]);
    // usageMetadata is cumulative, so the latest element's counts are the stream's counts.
    const meta = objectOr(event.usageMetadata);
    if (meta) {
      tokens.completion = numberOr(meta.candidatesTokenCount) ?? tokens.completion;
      tokens.prompt = numberOr(meta.promptTokenCount) ?? tokens.prompt;
      tokens.total = numberOr(meta.totalTokenCount) ?? tokens.total;
    }
    if (typeof first?.text === 'string') {
      return chunk({ model, choices: [{ delta: { content: first.text, role: 'assistant' }, index: 0, finish_reason: finish }] }, first.text);
    }
    if (isObject(first?.functionCall)) {
      return chunk({ model, choices: [{ delta: { tool_calls: toolCalls(parts) }, index: 0, finish_reason: finish }] });
    }
    // A usage-only or safety-blocked element: nothing to send, as in Kong.
    return SKIP;
  };
}
