/** Text helpers for the echo replies: word counts (the mock's "tokens"), stream chunking, prompt extraction. */

/** Whitespace-separated words; the mock's deterministic stand-in for a tokenizer. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Space, tab, LF, VT, FF, CR, NBSP: enough for prompts; not a Unicode-complete splitter.
    const space = c === 32 || (c >= 9 && c <= 13) || c === 160;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      n++;
    }
  }
  return n;
}

/** More chunks than this are merged, so a huge echoed prompt doesn't become thousands of events. */
export const MAX_STREAM_CHUNKS = 16;

/**
 * Splits text into stream deltas, one per word with its leading whitespace (as providers send
 * " word"), so joining them gives the text back exactly. At most `max` pieces; always at least one.
 */
export function splitChunks(text: string, max = MAX_STREAM_CHUNKS): string[] {
  const pieces = text.match(/\s*\S+/g);
  if (pieces === null) return [text];
  let used = 0;
  for (const p of pieces) used += p.length;
  if (used < text.length) pieces[pieces.length - 1] += text.slice(used);
  if (pieces.length <= max) return pieces;
  const per = Math.ceil(pieces.length / max);
  const out: string[] = [];
  for (let k = 0; k < pieces.length; k += per) out.push(pieces.slice(k, k + per).join(''));
  return out;
}

/** The text parts of an OpenAI/Anthropic/Ollama style `content` (a string or an array of parts). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let out = '';
  for (const part of content) {
    if (typeof part === 'string') out += (out ? ' ' : '') + part;
    else if (isRecord(part) && typeof part['text'] === 'string') out += (out ? ' ' : '') + part['text'];
  }
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What the echo reply is built from: the text to echo and the prompt's size. */
export interface PromptSummary {
  /** The last user turn (or the prompt), echoed back as `echo: <lastUser>`. */
  readonly lastUser: string;
  /** Words in every input text (system, history, prompt): the reply's prompt-token count. */
  readonly promptWords: number;
}

/** Summary of a list of `{ role, content }` messages plus any extra texts (system fields). */
export function summariseMessages(messages: unknown, extra: readonly string[] = [], userRoles: ReadonlySet<string> = USER): PromptSummary {
  let words = 0;
  for (const t of extra) words += countWords(t);
  let lastUser = '';
  if (Array.isArray(messages)) {
    for (const m of messages) {
      if (!isRecord(m)) continue;
      const text = contentText(m['content'] ?? m['message'] ?? m['parts']);
      words += countWords(text);
      const role = m['role'];
      if (typeof role !== 'string' || userRoles.has(role)) lastUser = text;
    }
  }
  return { lastUser, promptWords: words };
}

const USER: ReadonlySet<string> = new Set(['user', 'USER']);

export function summariseText(prompt: unknown): PromptSummary {
  const text = typeof prompt === 'string' ? prompt : Array.isArray(prompt) ? prompt.filter((p) => typeof p === 'string').join('\n') : '';
  return { lastUser: text, promptWords: countWords(text) };
}

/** The echo reply's text. */
export function echoText(lastUser: string): string {
  return lastUser === '' ? 'echo:' : `echo: ${lastUser}`;
}
