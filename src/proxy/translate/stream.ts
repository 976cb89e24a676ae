/** Translates a streaming upstream reply (status 200 only; anything else passes through untouched)
 * into OpenAI SSE frames, chunk by chunk as the bytes arrive: only a partial frame is ever held.
 *
 * Output framing: every frame is `data: <json>\n\n`, and the terminator is `data: [DONE]\n\n`.
 * Kong 3.10 writes the terminator (and its error chunk) without the trailing blank line
 * (`normalize-sse-chunk.lua`), which leaves a strict SSE client holding an undispatched event;
 * we send the blank line. That is the one intended byte-level difference from Kong's stream.
 *
 * A frame that cannot be parsed or translated, an upstream Content-Type Kong does not stream, or
 * a provider/route with no stream transformer (anthropic completions, llama2 raw) produces Kong's
 * error chunk `{"error": true, "message": "empty or unsupported transformer response"}` and ends
 * the stream. Kong drops such frames silently; ending visibly tells the client its answer is cut.
 * Nothing is invented at the end: an upstream that stops without its end event gets no `[DONE]`.
 */
import type { Model, Provider, RouteType } from '../../model/index.ts';
import { anthropicStreamMapper } from './openai_anthropic.ts';
import { bedrockStreamMapper } from './openai_bedrock.ts';
import { cohereStreamMapper } from './openai_cohere.ts';
import { geminiStreamMapper } from './openai_gemini.ts';
import { ollamaStreamMapper } from './openai_ollama.ts';
import { openAiStreamMapper } from './openai_openai.ts';
import type { Frame, Framer, StreamMapper, StreamTokens } from './stream/frame.ts';
import { createFramer, type Framing, framingFor } from './stream/framing.ts';
import { assertNever, type TranslateContext, type Usage } from './types.ts';

export const DONE_FRAME = 'data: [DONE]\n\n';
export const ERROR_FRAME = 'data: {"error": true, "message": "empty or unsupported transformer response"}\n\n';

export interface StreamTranslator {
  /** Upstream bytes in, complete OpenAI SSE frames out (possibly none yet). */
  push(chunk: Uint8Array): string[];
  /** The upstream closed: frames for whatever complete event was still held. */
  end(): string[];
  /** Tokens reported by the provider so far; `undefined` when it reported none. */
  usage(): Usage | undefined;
  /** The completion text sent so far, for Kong's `ceil(len/4)` estimate when usage is missing. */
  text(): string;
  /** `[DONE]` or the error chunk has been sent; later bytes are ignored. */
  finished(): boolean;
}

/**
 * @param contentType the upstream's Content-Type, which picks the framing; when absent, Bedrock is
 *   read as AWS event-stream and everything else is sniffed (JSON lines, JSON array or SSE).
 */
export function createStreamTranslator(provider: Provider, model: Model, routeType: RouteType, contentType?: string): StreamTranslator {
  const ctx: TranslateContext = { provider, model, routeType };
  const framing: Framing | undefined = contentType === undefined ? defaultFraming(provider) : framingFor(contentType);
  const framer: Framer | undefined = framing && createFramer(framing);
  const mapper = mapperFor(ctx);
  const tokens: StreamTokens = {};
  let text = '';
  let done = false;

  const stop = (frame: string): string[] => {
    done = true;
    return [frame];
  };

  const run = (frames: readonly Frame[]): string[] => {
    const out: string[] = [];
    for (const frame of frames) {
      const step = mapper ? mapper(frame, tokens) : ({ kind: 'fail', reason: 'no stream transformer' } as const);
      switch (step.kind) {
        case 'chunk':
          text += step.text;
          out.push(`data: ${step.data}\n\n`);
          break;
        case 'skip':
          break;
        case 'done':
          return [...out, ...stop(DONE_FRAME)];
        case 'fail':
          return [...out, ...stop(ERROR_FRAME)];
        default:
          return assertNever(step);
      }
    }
    return out;
  };

  const guarded = (read: (f: Framer) => Frame[]): string[] => {
    if (done) return [];
    if (!framer) return stop(ERROR_FRAME);
    let frames: Frame[];
    try {
      frames = read(framer);
    } catch {
      return stop(ERROR_FRAME);
    }
    return run(frames);
  };

  return {
    push: (chunk) => (chunk.length === 0 ? [] : guarded((f) => f.push(chunk))),
    end: () => {
      // An unsupported Content-Type that sent no bytes has nothing to complain about.
      const out = framer ? guarded((f) => f.end()) : [];
      done = true;
      return out;
    },
    usage: () => {
      if (tokens.prompt === undefined && tokens.completion === undefined) return undefined;
      const prompt = tokens.prompt ?? 0;
      const completion = tokens.completion ?? 0;
      return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: tokens.total ?? prompt + completion };
    },
    text: () => text,
    finished: () => done,
  };
}

function defaultFraming(provider: Provider): Framing {
  return provider.kind === 'bedrock' ? 'aws-eventstream' : 'sniff';
}

/** The provider's event mapper; `undefined` where Kong has no stream transformer. */
function mapperFor(ctx: TranslateContext): StreamMapper | undefined {
  const { provider } = ctx;
  switch (provider.kind) {
    case 'openai':
    case 'azure':
    case 'openai-compatible':
      return openAiStreamMapper();
    case 'anthropic':
      return anthropicStreamMapper(ctx);
    case 'cohere':
      return cohereStreamMapper(ctx);
    case 'mistral':
      return provider.format === 'openai' ? openAiStreamMapper() : ollamaStreamMapper(ctx);
    case 'llama2':
      switch (provider.format) {
        case 'openai':
          return openAiStreamMapper();
        case 'ollama':
          return ollamaStreamMapper(ctx);
        case 'raw':
          return undefined;
      }
      break;
    case 'gemini':
      return geminiStreamMapper(ctx);
    case 'bedrock':
      return bedrockStreamMapper(ctx);
    case 'ollama':
      return ollamaStreamMapper(ctx);
  }
  return assertNever(provider);
}
