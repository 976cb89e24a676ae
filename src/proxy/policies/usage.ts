/** Token counts as OpenAI reports them (and as the server's translators produce them), and what
 * they cost. */
import type { ModelOptions } from '../../model/index.ts';

export interface TokenUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

/** Kong's cost: `(prompt × inputCost + completion × outputCost) / 1e6`, prices being per million
 * tokens; 0 unless both prices are set (FACTS §2.9). */
export function costOf(usage: TokenUsage, options: ModelOptions): number {
  if (options.inputCost === undefined || options.outputCost === undefined) return 0;
  return (usage.prompt_tokens * options.inputCost + usage.completion_tokens * options.outputCost) / 1_000_000;
}
