/** OpenAI format ↔ Anthropic: chat to the Messages API (`/v1/messages`), completions to the legacy
 * Text Completions API (`/v1/complete`), and Messages SSE events back to OpenAI chunks.
 * Mirrors Kong 3.10 `kong/llm/drivers/anthropic.lua`. */
import { arrayOr, isObject, numberOr, objectOr, parseObject, present, stringOr, textOf } from './json.ts';
import { mergeModelOptions } from './options.ts';
import { chunk, DONE, fail, type Frame, frameJson, SKIP, type StreamMapper, type StreamStep, type StreamTokens } from './stream/frame.ts';
import { type JsonObject, type TranslateContext, TranslationError } from './types.ts';

export function toAnthropic(body: Readonly<JsonObject>, ctx: TranslateContext, stream: boolean): JsonObject {
  const req = mergeModelOptions(body, ctx.model.options);
  switch (ctx.routeType) {
    case 'chat': {
      const { messages, system } = toClaudeMessages(req.messages);
      return {
        model: ctx.model.model,
        messages,
        system,
        max_tokens: req.max_tokens,
        temperature: req.temperature,
        stream,
        tools: arrayOr(req.tools) && toTools(arrayOr(req.tools) ?? []),
        tool_choice: req.tool_choice === undefined ? undefined : toToolChoice(req.tool_choice),
      };
    }
    case 'completions':
      return {
        model: ctx.model.model,
        prompt: toClaudePrompt(req),
        max_tokens_to_sample: req.max_tokens,
        temperature: req.temperature,
        stream,
      };
  }
}

/** Roles other than user, assistant and tool become the top-level `system`; as in Kong the last
 * such message wins rather than being concatenated. */
function toClaudeMessages(input: unknown): { messages: unknown[]; system: unknown } {
  const list = arrayOr(input);
  if (!list) throw new TranslationError('request is missing .messages command');
  const messages: unknown[] = [];
  let system: unknown;
  for (const m of list) {
    const msg = objectOr(m) ?? {};
    const role = msg.role;
    if (role !== 'assistant' && role !== 'user' && role !== 'tool') {
      system = msg.content;
    } else if (role === 'assistant' && arrayOr(msg.tool_calls)) {
      messages.push({ role, content: (arrayOr(msg.tool_calls) ?? []).map(toToolUse) });
    } else if (role === 'tool') {
      messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: msg.tool_call_id, content: msg.content }] });
    } else {
      messages.push(msg);
    }
  }
  return { messages, system };
}

function toToolUse(call: unknown): JsonObject {
  const c = objectOr(call) ?? {};
  const fn = objectOr(c.function) ?? {};
  let input: unknown;
  try {
    input = JSON.parse(stringOr(fn.arguments) ?? 'null');
  } catch {
    throw new TranslationError('tool call arguments are not JSON');
  }
  return { type: 'tool_use', id: c.id, name: fn.name, input };
}

/** `tools[].function` with `parameters` renamed `input_schema`; other function fields kept. */
function toTools(tools: readonly unknown[]): JsonObject[] {
  return tools.flatMap((t) => {
    const fn = objectOr(objectOr(t)?.function);
    if (!fn) return [];
    const { parameters, ...rest } = fn;
    return [{ ...rest, input_schema: parameters }];
  });
}

function toToolChoice(choice: unknown): JsonObject | undefined {
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none' || choice === 'auto') return { type: choice };
  const c = objectOr(choice);
  const name = stringOr(objectOr(c?.function)?.name);
  // Kong logs and drops any other shape; so do we.
  return c?.type === 'function' && name !== undefined ? { type: 'tool', name } : undefined;
}

function toClaudePrompt(req: JsonObject): string {
  if (present(req.prompt)) return `Human: ${textOf(req.prompt)}\n\nAssistant:`;
  const list = arrayOr(req.messages);
  if (!list) throw new TranslationError('request is missing .prompt and .messages commands');
  // Claude 2 text prompts: a flat transcript that ends with an open "Assistant:" turn.
  let prompt = '';
  for (const m of list) {
    const msg = objectOr(m) ?? {};
    if (msg.role === 'assistant') prompt += 'Assistant: ';
    else if (msg.role === 'user') prompt += 'Human: ';
    prompt += `${textOf(msg.content)}\n\n`;
  }
  return `${prompt}Assistant:`;
}

export function fromAnthropic(text: string, ctx: TranslateContext): JsonObject {
  const res = parseObject(text, 'failed to decode anthropic response');
  switch (ctx.routeType) {
    case 'chat': {
      const content = arrayOr(res.content);
      if (!content) throw new TranslationError("'content' not in anthropic://llm/v1/chat response");
      const usage = objectOr(res.usage);
      const input = numberOr(usage?.input_tokens);
      const output = numberOr(usage?.output_tokens);
      return {
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: joinText(content), tool_calls: toolCallsOf(content) },
            finish_reason: res.stop_reason,
          },
        ],
        // Kong writes the string "no usage data returned from upstream" here when usage is absent,
        // which breaks OpenAI clients; we leave `usage` out instead.
        usage: usage && {
          prompt_tokens: input,
          completion_tokens: output,
          total_tokens: input !== undefined && output !== undefined ? input + output : undefined,
        },
        model: res.model,
        object: 'chat.completion',
      };
    }
    case 'completions':
      if (!present(res.completion)) throw new TranslationError("'completion' not in anthropic://llm/v1/chat response");
      return {
        choices: [{ index: 0, text: res.completion, finish_reason: res.stop_reason }],
        model: res.model,
        object: 'text_completion',
      };
  }
}

/** Text blocks joined with "\n"; as in Kong the separator goes before every block but the first
 * *content* block, so a tool_use block first still puts a "\n" before the text. */
function joinText(content: readonly unknown[]): string {
  return content
    .map((block, i) => {
      const t = stringOr(objectOr(block)?.text);
      return t === undefined ? '' : (i === 0 ? '' : '\n') + t;
    })
    .join('');
}

function toolCallsOf(content: readonly unknown[]): JsonObject[] | undefined {
  const calls = content.filter((b) => isObject(b) && b.type === 'tool_use').map((b) => {
    const block = objectOr(b) ?? {};
    return { id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? null) } };
  });
  return calls.length > 0 ? calls : undefined;
}

/** Messages SSE → OpenAI chunks. Only chat streams: Kong has no completions stream transformer. */
export function anthropicStreamMapper(ctx: TranslateContext): StreamMapper {
  let id: unknown;
  const model = ctx.model.model;
  const delta = (event: JsonObject): StreamStep => {
    const text = stringOr(objectOr(event.delta)?.text) ?? '';
    return chunk(
      { choices: [{ delta: { content: text }, index: 0, finish_reason: null, logprobs: null }], id, model, object: 'chat.completion.chunk' },
      text,
    );
  };
  return (frame: Frame, tokens: StreamTokens): StreamStep => {
    if (ctx.routeType !== 'chat') return fail('anthropic streams only chat');
    const event = frameJson(frame);
    if (frame.event === undefined || !event) return fail('transformation to stream event failed or empty stream event received');
    switch (frame.event) {
      case 'message_start': {
        const message = objectOr(event.message);
        if (!message) return fail('message_start is missing the metadata block');
        id = message.id;
        const usage = objectOr(message.usage);
        tokens.prompt = numberOr(usage?.input_tokens) ?? tokens.prompt;
        tokens.completion = numberOr(usage?.output_tokens) ?? tokens.completion;
        return chunk({
          choices: [{ delta: { content: '', role: message.role }, index: 0, logprobs: null }],
          id,
          model,
          object: 'chat.completion.chunk',
          system_fingerprint: null,
        });
      }
      case 'content_block_start':
      case 'content_block_delta':
        return delta(event);
      case 'message_delta': {
        const usage = objectOr(event.usage);
        if (!usage) return fail('message_delta is missing the metadata block');
        // Anthropic's output_tokens here is the running total; Kong adds it to message_start's
        // count and so over-counts by that first value. We keep the latest total.
        tokens.completion = numberOr(usage.output_tokens) ?? tokens.completion;
        return SKIP;
      }
      case 'message_stop':
        return DONE;
      case 'error':
        // Kong drops a mid-stream error silently; the client should learn the stream failed.
        return fail('upstream sent an error event');
      default:
        // ping, content_block_stop and event types added after Kong 3.10.
        return SKIP;
    }
  };
}
