/** OpenAI format ↔ a raw Llama 2 text-generation endpoint (`llama2` format `raw`, e.g. Hugging Face
 * TGI): messages folded into one `[INST]` prompt string, the generated text cut after the last
 * `[/INST]`. Mirrors Kong 3.10 `kong/llm/drivers/llama2.lua`; no stream transformer exists. */
import { arrayOr, objectOr, parseObject, present, stringOr, textOf } from './json.ts';
import { mergeModelOptions } from './options.ts';
import { type JsonObject, type TranslateContext, TranslationError } from './types.ts';

export function toLlama2Raw(body: Readonly<JsonObject>, ctx: TranslateContext, stream: boolean): JsonObject {
  const req = mergeModelOptions(body, ctx.model.options);
  const list = arrayOr(req.messages);
  if (list && present(req.prompt)) {
    throw new TranslationError("cannot run raw 'prompt' and chat history 'messages' requests at the same time - refer to schema");
  }
  return {
    inputs: list ? messagesToInst(list) : `<s> [INST] <<SYS>> You are a helpful assistant. <<SYS>> ${textOf(req.prompt)} [/INST]`,
    parameters: { max_new_tokens: req.max_tokens, top_p: req.top_p, top_k: req.top_k, temperature: req.temperature, stream },
  };
}

/**
 * Kong's reading of https://huggingface.co/blog/llama2#how-to-prompt-llama-2: the first message is
 * the system prompt whatever its role, the second the first question; after that a `system`
 * message is written as a model answer and a `user` one opens a new `[INST]`. Assistant messages
 * after the second are dropped — a Kong quirk the fixtures encode, so it is kept.
 */
function messagesToInst(messages: readonly unknown[]): string {
  return messages
    .map((m, i) => {
      const msg = objectOr(m) ?? {};
      const content = textOf(msg.content);
      if (i === 0) return `<s>[INST] <<SYS>> ${content} <</SYS>>`;
      if (i === 1) return ` ${content} [/INST]`;
      if (msg.role === 'system') return ` ${content} </s>`;
      if (msg.role === 'user') return ` <s>[INST] ${content} [/INST]`;
      return '';
    })
    .join('');
}

export function fromLlama2Raw(text: string, ctx: TranslateContext): JsonObject {
  const res = parseObject(text, 'failed to decode llama2 response');
  const data = arrayOr(res.data);
  if (!data || data.length > 1) throw new TranslationError('cannot parse response from llama2 endpoint');
  const generated = stringOr(objectOr(data[0])?.generated_text);
  if (!generated) throw new TranslationError('response data is empty from llama2 endpoint');
  // The endpoint echoes the prompt; the reply is what follows the last [/INST].
  const reply = (generated.split('[/INST]').at(-1) ?? '').trim();
  const usage = res.usage ?? undefined;
  switch (ctx.routeType) {
    case 'chat':
      return { choices: [{ message: { content: reply, role: 'assistant' }, index: 0 }], object: 'chat.completion', usage };
    case 'completions':
      return { choices: [{ index: 0, text: reply }], object: 'text_completion', usage };
  }
}
