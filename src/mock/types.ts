/** Public types of the mock LLM providers: replies, stream events, faults, recordings, cassettes. */
import type { IncomingHttpHeaders } from 'node:http';
import type { ProviderKind } from '../model/index.ts';

/** The wire formats the mock speaks. One provider kind may speak several (llama2: raw, openai, ollama). */
export type Dialect =
  | 'openai-chat'
  | 'openai-completions'
  | 'anthropic-messages'
  | 'anthropic-complete'
  | 'cohere-chat'
  | 'cohere-generate'
  | 'ollama-chat'
  | 'ollama-generate'
  | 'hf-generate'
  | 'gemini'
  | 'bedrock-converse';

/**
 * One streamed event. An object is framed the provider's way: SSE (`event:` + `data:` lines),
 * NDJSON (one line of `data`), a Gemini JSON-array element, or an AWS event-stream frame whose
 * `:event-type` is `event`. A string `data` is written unquoted (e.g. `'[DONE]'`). A bare string or
 * byte array is written verbatim, which is how recordings and hand-made broken frames are replayed.
 */
export type MockStreamEvent = { readonly event?: string; readonly data: unknown } | string | Uint8Array;

export type MockFault = 'reset' | 'cut-stream' | 'malformed-chunk' | 'hang';

/**
 * What the next matching request gets. Every field is optional: `{}` is the deterministic echo,
 * `{ status: 429 }` is the provider's own 429 error body, `{ text: 'Paris' }` is a provider-format
 * answer saying "Paris", `{ body }` / `{ stream }` replace the reply entirely.
 */
export interface MockReply {
  /** @default 200 (or the provider's error body when ≥ 400 and no `body`/`stream` is given) */
  readonly status?: number;
  /** Added to (and overriding) the mock's own headers; names are case-insensitive. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value (serialised once), a string or bytes (sent verbatim). Wins over `stream`. */
  readonly body?: unknown;
  /** Events framed in the provider's stream format; the protocol terminator is added for you. */
  readonly stream?: readonly MockStreamEvent[];
  /** The assistant text of a generated (echo-shaped) reply, instead of `echo: <last user text>`. */
  readonly text?: string;
  /** Token counts of a generated reply, instead of the word counts. */
  readonly usage?: { readonly promptTokens?: number; readonly completionTokens?: number };
  /** Wait this long before sending the status line. */
  readonly delayMs?: number;
  /** Wait this long between stream chunks. @default 0 (all chunks in one write) */
  readonly chunkIntervalMs?: number;
  readonly fault?: MockFault;
  /**
   * For `cut-stream`: events sent before the socket is destroyed (bytes, for a non-streamed body).
   * For `malformed-chunk`: index at which the broken chunk is inserted. @default half the events
   */
  readonly cutAfter?: number;
  /** Compress the body (or each stream chunk, flushed) with gzip and say so in `Content-Encoding`. */
  readonly gzip?: boolean;
}

/** Which requests a cassette answers; every given field must match. */
export interface CassetteMatch {
  readonly method?: string;
  /** Exact pathname, or a prefix when it ends with `*`. */
  readonly path?: string;
  readonly provider?: ProviderKind;
  readonly model?: string;
  readonly stream?: boolean;
  /** A substring of the raw request body. */
  readonly bodyIncludes?: string;
  /** Exact header values; names are case-insensitive. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A recorded exchange replayed by the mock: `{ request?: match, response: reply }`. */
export interface Cassette {
  /** Selectable per request with the `x-mock-cassette: <name>` header. */
  readonly name: string;
  readonly request?: CassetteMatch;
  readonly response: MockReply;
}

/** One request as the mock received it. */
export interface RecordedRequest {
  /** 1-based arrival order since start (not reset by `reset()`, so ids in replies stay unique). */
  readonly seq: number;
  readonly method: string;
  /** Pathname as received, prefix included, query excluded. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON; else the text; else (binary content types) the bytes. `undefined` when empty. */
  readonly body: unknown;
  /** `Date.now()` when the body had been read. */
  readonly at: number;
  /** Undefined when the path matched no provider endpoint (the reply was a 404). */
  readonly provider?: ProviderKind;
  readonly dialect?: Dialect;
  /** From the body's `model`, else the path (Gemini, Bedrock, Azure deployment). */
  readonly model?: string;
  /** Whether the request asked for a stream, the provider's way. */
  readonly stream: boolean;
}

/** A provider kind, or a provider whose `format` picks the dialect (mistral, llama2); a model `Provider` fits. */
export type MockProviderRef = ProviderKind | { readonly kind: ProviderKind; readonly format?: 'openai' | 'ollama' | 'raw' };
