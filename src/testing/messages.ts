/** `expect.upstream.messages`: the conversation a provider received, read back from the provider's
 * own request format into OpenAI's `{ role, content }` list, so one expectation holds whatever the
 * provider. The reading is literal, never a re-translation: Anthropic's top-level `system` and
 * Gemini's `systemInstruction` come back as a leading system message, text blocks are joined into
 * one string, Cohere v1 history roles map USER → user and CHATBOT → assistant (Cohere v1 has no
 * system role in history, so a system prompt the gateway sent as USER comes back as user), and a
 * completions prompt is one user message. */
import type { Dialect } from '../mock/index.ts';

export interface Message {
  readonly role: string;
  readonly content: unknown;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Joins text blocks (`[{type:'text', text}]`, `[{text}]`) into a string; anything else stays. */
function textOf(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  const texts = content.map((b) => obj(b)?.text);
  return texts.every((t) => typeof t === 'string') ? texts.join('') : content;
}

function system(text: unknown): Message[] {
  if (text === undefined || text === null) return [];
  const joined = textOf(text);
  return joined === '' ? [] : [{ role: 'system', content: joined }];
}

/** The messages in a provider-format request body; undefined when the body has none. */
export function messagesOf(dialect: Dialect | undefined, body: unknown): Message[] | undefined {
  const b = obj(body);
  if (b === undefined) return undefined;
  switch (dialect) {
    case 'anthropic-messages':
      return [...system(b.system), ...list(b.messages).map((m) => ({ role: String(obj(m)?.role), content: textOf(obj(m)?.content) }))];
    case 'cohere-chat': {
      const history = list(b.chat_history).map((m) => {
        const role = String(obj(m)?.role ?? '').toUpperCase();
        return { role: role === 'CHATBOT' ? 'assistant' : role === 'SYSTEM' ? 'system' : 'user', content: obj(m)?.message };
      });
      return [...system(b.preamble), ...history, ...(b.message === undefined ? [] : [{ role: 'user', content: b.message }])];
    }
    case 'gemini': {
      const parts = (v: unknown) => textOf(list(obj(v)?.parts));
      const sys = obj(b.systemInstruction ?? b.system_instruction);
      return [
        ...(sys ? system(parts(sys)) : []),
        ...list(b.contents).map((c) => ({ role: obj(c)?.role === 'model' ? 'assistant' : String(obj(c)?.role ?? 'user'), content: parts(c) })),
      ];
    }
    case 'bedrock-converse':
      return [...system(list(b.system)), ...list(b.messages).map((m) => ({ role: String(obj(m)?.role), content: textOf(obj(m)?.content) }))];
    case 'openai-completions':
    case 'anthropic-complete':
    case 'cohere-generate':
    case 'ollama-generate':
      return b.prompt === undefined ? undefined : [{ role: 'user', content: b.prompt }];
    case 'hf-generate':
      return b.inputs === undefined ? undefined : [{ role: 'user', content: b.inputs }];
    default:
      // OpenAI, Azure, Mistral, Ollama chat and anything unknown: the OpenAI shape itself.
      return Array.isArray(b.messages) ? b.messages.map((m) => ({ role: String(obj(m)?.role), content: textOf(obj(m)?.content) })) : undefined;
  }
}
