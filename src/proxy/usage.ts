/** Token counts and cost for metrics and logs, with Kong's estimates where a provider reports no
 * usage (streams from OpenAI-format providers unless the client asked for `include_usage`). */
import type { ModelOptions } from '../model/index.ts';
import type { JsonObject, Usage } from './translate/index.ts';

/** Kong's `calculate_cost`: whitespace-separated words of every message (or the prompt), times
 * 1.8 when streaming, rounded. */
export function estimatePromptTokens(body: JsonObject, stream: boolean): number {
  let words = 0;
  const messages = body.messages;
  if (Array.isArray(messages)) {
    for (const m of messages) {
      const content = (m as { content?: unknown } | null)?.content;
      if (typeof content === 'string') words += countWords(content);
      else if (Array.isArray(content)) {
        for (const part of content) {
          const text = (part as { text?: unknown } | null)?.text;
          if (typeof text === 'string') words += countWords(text);
        }
      }
    }
  } else if (typeof body.prompt === 'string') words = countWords(body.prompt);
  return Math.round(words * (stream ? 1.8 : 1));
}

/** Kong's completion estimate when a stream ends without usage: `ceil(len(strip(text)) / 4)`. */
function estimateCompletionTokens(text: string): number {
  return Math.ceil(text.trim().length / 4);
}

/** A stream's usage: what the provider reported, else Kong's estimates. */
export function streamUsage(reported: Usage | undefined, body: JsonObject, text: string): Usage {
  if (reported) return reported;
  const prompt = estimatePromptTokens(body, true);
  const completion = estimateCompletionTokens(text);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** `(prompt × inputCost + completion × outputCost) / 1e6`; 0 unless both prices are set, as in Kong. */
export function costOf(usage: Usage, options: ModelOptions): number {
  if (options.inputCost === undefined || options.outputCost === undefined) return 0;
  return (usage.prompt_tokens * options.inputCost + usage.completion_tokens * options.outputCost) / 1_000_000;
}

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Lua's %s: space, \t, \n, \v, \f, \r.
    const space = c === 32 || (c >= 9 && c <= 13);
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
