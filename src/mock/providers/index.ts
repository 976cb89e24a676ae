/** The one table from wire format to its implementation. */
import type { Dialect } from '../types.ts';
import { anthropicComplete, anthropicMessages } from './anthropic.ts';
import { bedrockConverse } from './bedrock.ts';
import { cohereChat, cohereGenerate } from './cohere.ts';
import type { DialectSpec } from './dialect.ts';
import { gemini } from './gemini.ts';
import { hfGenerate } from './hf-generate.ts';
import { ollamaChat, ollamaGenerate } from './ollama.ts';
import { openaiChat, openaiCompletions } from './openai.ts';

export type { DialectSpec, ReplyContext, StreamFormat, ErrorReply } from './dialect.ts';
export { MOCK_EPOCH_S, MOCK_EPOCH_ISO } from './dialect.ts';

export const DIALECTS: Readonly<Record<Dialect, DialectSpec>> = {
  'openai-chat': openaiChat,
  'openai-completions': openaiCompletions,
  'anthropic-messages': anthropicMessages,
  'anthropic-complete': anthropicComplete,
  'cohere-chat': cohereChat,
  'cohere-generate': cohereGenerate,
  'ollama-chat': ollamaChat,
  'ollama-generate': ollamaGenerate,
  'hf-generate': hfGenerate,
  gemini,
  'bedrock-converse': bedrockConverse,
};
