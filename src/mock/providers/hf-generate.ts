/**
 * llama2 "raw" format: a Hugging Face text-generation endpoint fed `{ inputs: "<s>[INST] … [/INST]",
 * parameters }`. The reply is `{ data: [{ generated_text }] }`, prompt included, exactly the shape of
 * Kong's recorded fixture (`real-responses/llama2/raw`), which Kong reads as `data[0].generated_text`
 * split on `[/INST]`. Streams are TGI-style SSE token events, the last one carrying `generated_text`.
 */
import { countWords, splitChunks } from '../text.ts';
import type { PromptSummary } from '../text.ts';
import type { MockStreamEvent } from '../types.ts';
import type { DialectSpec, StreamFormat } from './dialect.ts';
import { field, stringField } from './dialect.ts';

const SSE: StreamFormat = { framing: 'sse', contentType: 'text/event-stream' };

const MARKUP = /<\/?s>|\[\/?INST\]|<<\/?SYS>>/g;

/** The last `[INST] … [/INST]` turn, system block removed; prompt words exclude the template markup. */
function summariseInst(inputs: unknown): PromptSummary {
  const text = typeof inputs === 'string' ? inputs : '';
  const close = text.lastIndexOf('[/INST]');
  const open = close === -1 ? -1 : text.lastIndexOf('[INST]', close);
  let turn = open === -1 ? text : text.slice(open + '[INST]'.length, close);
  // Kong writes `<</SYS>>` after the system prompt; its completions fixture writes `<<SYS>>` twice.
  const closeSys = turn.lastIndexOf('<</SYS>>');
  if (closeSys !== -1) turn = turn.slice(closeSys + '<</SYS>>'.length);
  else if (turn.indexOf('<<SYS>>') !== turn.lastIndexOf('<<SYS>>')) turn = turn.slice(turn.lastIndexOf('<<SYS>>') + '<<SYS>>'.length);
  return { lastUser: turn.replace(MARKUP, '').trim(), promptWords: countWords(text.replace(MARKUP, ' ')) };
}

function wantsStream(body: unknown): boolean {
  return field(field(body, 'parameters'), 'stream') === true || field(body, 'stream') === true;
}

export const hfGenerate: DialectSpec = {
  wantsStream,
  bodyModel: (body) => stringField(body, 'model'),
  streamFormat: () => SSE,
  error: (status, message) => ({ body: { error: message, error_type: status === 429 || status === 503 ? 'overloaded' : status < 500 ? 'validation' : 'generation' } }),
  summarise: (body) => summariseInst(field(body, 'inputs')),
  reply: (ctx) => ({
    data: [
      {
        generated_text: `${stringField(ctx.body, 'inputs') ?? ''}\n\n${ctx.text}`,
        details: { finish_reason: 'eos_token', generated_tokens: ctx.completionTokens, prompt_tokens: ctx.promptTokens },
      },
    ],
  }),
  events(ctx) {
    const chunks = splitChunks(ctx.text);
    const out: MockStreamEvent[] = [];
    chunks.forEach((c, i) => {
      const last = i === chunks.length - 1;
      out.push({
        data: {
          index: i + 1,
          token: { id: i + 1, text: c, logprob: 0, special: false },
          generated_text: last ? ctx.text : null,
          details: last ? { finish_reason: 'eos_token', generated_tokens: ctx.completionTokens, prompt_tokens: ctx.promptTokens } : null,
        },
      });
    });
    return out;
  },
};
