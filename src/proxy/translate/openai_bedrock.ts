/** OpenAI chat ↔ Amazon Bedrock Converse (`/converse`, `/converse-stream`). Replies and stream
 * events map as Kong 3.10 `kong/llm/drivers/bedrock.lua` does; the request follows the Converse
 * wire format where Kong's mapping would send a shape Converse rejects (noted below).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html */
import { arrayOr, numberOr, objectOr, parseObject, stopList, stringOr } from './json.ts';
import { mergeModelOptions } from './options.ts';
import { chunk, DONE, fail, type Frame, frameJson, SKIP, type StreamMapper, type StreamStep, type StreamTokens } from './stream/frame.ts';
import { type JsonObject, type TranslateContext, TranslationError } from './types.ts';

const STOP_REASON: Readonly<Record<string, string>> = {
  max_tokens: 'length',
  end_turn: 'stop',
  tool_use: 'tool_calls',
  guardrail_intervened: 'guardrail_intervened',
};

/** Models whose Converse API refuses a system prompt (Kong's Lua patterns, as regular expressions). */
const NO_SYSTEM_ROLE = [
  /amazon.titan/,
  /cohere.command.*?text/,
  /cohere.command.*?light.*?text/,
  /mistral.mistral.*?7b.*?instruct/,
  /mistral.mixtral.*?8x7b.*?instruct/,
];

export function toBedrock(body: Readonly<JsonObject>, ctx: TranslateContext): JsonObject {
  const req = mergeModelOptions(body, ctx.model.options);
  const system: JsonObject[] = [];
  const messages: JsonObject[] = [];
  for (const m of arrayOr(req.messages) ?? []) {
    const msg = objectOr(m) ?? {};
    if (msg.role === 'system') system.push({ text: msg.content });
    else if (msg.role === 'tool') messages.push({ role: 'user', content: [toolResult(msg)] });
    else messages.push({ role: msg.role === 'assistant' ? 'assistant' : 'user', content: contentOf(msg) });
  }
  if (system.length > 0 && NO_SYSTEM_ROLE.some((p) => p.test(ctx.model.model))) {
    // Kong's message, missing closing quote included, so clients see the same text.
    throw new TranslationError(`system prompts are unsupported for model '${ctx.model.model}`);
  }
  const native = objectOr(req.bedrock);
  const tools = (arrayOr(req.tools) ?? []).flatMap((t) => {
    const fn = objectOr(objectOr(t)?.function);
    return fn ? [{ toolSpec: { name: fn.name, description: fn.description, inputSchema: { json: fn.parameters } } }] : [];
  });
  // Kong wraps `bedrock.toolConfig` and `bedrock.additionalModelRequestFields` in a one-element
  // array; Converse wants the objects themselves, so they are passed as given.
  const toolConfig = objectOr(native?.toolConfig);
  return {
    // Kong always sends this (meant for Anthropic models on Bedrock); kept for parity with Kong.
    anthropic_version: 'bedrock-2023-05-31',
    messages: messages.length > 0 ? messages : undefined,
    system: system.length > 0 ? system : undefined,
    inferenceConfig: { maxTokens: req.max_tokens, stopSequences: stopList(req.stop), temperature: req.temperature, topP: req.top_p },
    guardrailConfig: req.guardrailConfig,
    toolConfig: tools.length > 0 ? { ...toolConfig, tools } : toolConfig,
    additionalModelRequestFields: native?.additionalModelRequestFields,
  };
}

function contentOf(msg: JsonObject): unknown {
  if (Array.isArray(msg.content)) return msg.content;
  const calls = arrayOr(msg.tool_calls);
  if (calls) {
    // Kong keeps only the last tool call (its loop overwrites); Converse takes them all.
    return calls.map((c) => {
      const call = objectOr(c) ?? {};
      const fn = objectOr(call.function) ?? {};
      let input: unknown;
      try {
        input = JSON.parse(stringOr(fn.arguments) ?? '');
      } catch {
        throw new TranslationError("failed to decode function response arguments from assistant's message, not JSON format");
      }
      return { toolUse: { toolUseId: call.id, name: fn.name, input } };
    });
  }
  return [{ text: msg.content ?? '' }];
}

function toolResult(msg: JsonObject): JsonObject {
  let result: unknown;
  try {
    result = JSON.parse(stringOr(msg.content) ?? '');
  } catch {
    throw new TranslationError('failed to decode function response arguments, not JSON format');
  }
  const json = typeof result === 'object' && result !== null ? result : { result };
  return { toolResult: { toolUseId: msg.tool_call_id, content: [{ json }], status: msg.status } };
}

export function fromBedrock(text: string, ctx: TranslateContext): JsonObject {
  const res = parseObject(text, 'failed to decode response from Bedrock');
  const content = arrayOr(objectOr(objectOr(res.output)?.message)?.content);
  if (!content || content.length === 0) {
    throw new TranslationError('no generation candidates received from Bedrock, or max_tokens too short');
  }
  const usage = objectOr(res.usage);
  return {
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: objectOr(content[0])?.text, tool_calls: toolCallsOf(content) },
        finish_reason: STOP_REASON[stringOr(res.stopReason) ?? ''] ?? 'stop',
      },
    ],
    object: 'chat.completion',
    model: ctx.model.model,
    usage: usage && { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.totalTokens },
    trace: res.trace,
  };
}

function toolCallsOf(content: readonly unknown[]): JsonObject[] | undefined {
  const calls = content.flatMap((block) => {
    const use = objectOr(objectOr(block)?.toolUse);
    if (!use) return [];
    const input = objectOr(use.input);
    const args = input && Object.keys(input).length > 0 ? JSON.stringify(input) : undefined;
    return [{ function: { arguments: args, name: use.name }, id: use.toolUseId, type: 'function' }];
  });
  return calls.length > 0 ? calls : undefined;
}

export function bedrockStreamMapper(ctx: TranslateContext): StreamMapper {
  const model = ctx.model.model;
  const base = { model, object: 'chat.completion.chunk' };
  return (frame: Frame, tokens: StreamTokens): StreamStep => {
    // An in-stream exception (throttling, validation): Kong emits an empty `data:`; we end the stream.
    if (frame.messageType !== undefined && frame.messageType !== 'event') return fail(`bedrock ${frame.event ?? 'exception'}`);
    if (frame.event === undefined) return SKIP;
    const body = frameJson(frame);
    if (!body) return fail('bedrock event payload is not JSON');
    switch (frame.event) {
      case 'messageStart':
        return chunk({ ...base, choices: [{ delta: { content: '', role: body.role }, index: 0, logprobs: null }], system_fingerprint: null });
      case 'contentBlockStart': {
        const use = objectOr(objectOr(body.start)?.toolUse);
        if (!use) return SKIP;
        const call = { index: body.contentBlockIndex, id: use.toolUseId, function: { name: use.name, arguments: '' } };
        return chunk({ ...base, choices: [{ delta: { tool_calls: [call] }, index: 0, logprobs: null }], system_fingerprint: null });
      }
      case 'contentBlockDelta': {
        const delta = objectOr(body.delta);
        const use = objectOr(delta?.toolUse);
        if (use) {
          const call = { index: body.contentBlockIndex, function: { arguments: use.input } };
          return chunk({ ...base, choices: [{ delta: { tool_calls: [call] }, index: 0, logprobs: null }], system_fingerprint: null });
        }
        const text = stringOr(delta?.text) ?? '';
        return chunk({ ...base, choices: [{ delta: { content: text }, index: 0, logprobs: null }], system_fingerprint: null }, text);
      }
      case 'messageStop': {
        const finish = STOP_REASON[stringOr(body.stopReason) ?? ''] ?? 'stop';
        return chunk({ ...base, choices: [{ delta: {}, index: 0, finish_reason: finish, logprobs: null }] });
      }
      case 'metadata': {
        const usage = objectOr(body.usage);
        tokens.prompt = numberOr(usage?.inputTokens) ?? 0;
        tokens.completion = numberOr(usage?.outputTokens) ?? 0;
        tokens.total = numberOr(usage?.totalTokens);
        return DONE;
      }
      default:
        // contentBlockStop, and event types added after Kong 3.10.
        return SKIP;
    }
  };
}
