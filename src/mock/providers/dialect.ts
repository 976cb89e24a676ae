/** The contract each wire format implements: read a request, build the echo reply, its stream, and error bodies. */
import type { ProviderKind } from '../../model/index.ts';
import type { Framing } from '../framing.ts';
import type { PromptSummary } from '../text.ts';
import type { MockStreamEvent } from '../types.ts';

/** Everything a generated reply is built from; computed once per request. */
export interface ReplyContext {
  readonly kind: ProviderKind;
  readonly seq: number;
  /** Model to report back: the request's, else the path's, else `mock-model`. */
  readonly model: string;
  readonly body: unknown;
  readonly query: Readonly<Record<string, string>>;
  readonly summary: PromptSummary;
  /** Assistant text of the reply. */
  readonly text: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface StreamFormat {
  readonly framing: Framing;
  readonly contentType: string;
  /** Sent after the last event of a complete stream, unless the events already end with it. */
  readonly terminator?: string;
}

export interface ErrorReply {
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface DialectSpec {
  /** Whether the body asks for a stream; endpoints that decide by path (Gemini, Bedrock) say false. */
  wantsStream(body: unknown): boolean;
  /** The model named in the body, if this format names one there. */
  bodyModel(body: unknown): string | undefined;
  summarise(body: unknown): PromptSummary;
  streamFormat(query: Readonly<Record<string, string>>): StreamFormat;
  reply(ctx: ReplyContext): unknown;
  events(ctx: ReplyContext): MockStreamEvent[];
  /** The provider's error body for `status` (the kind matters where providers share a format). */
  error(status: number, message: string, kind: ProviderKind): ErrorReply;
}

/** Fixed timestamps keep replies byte-identical from run to run. 2025-01-01T00:00:00Z. */
export const MOCK_EPOCH_S = 1_735_689_600;
export const MOCK_EPOCH_ISO = '2025-01-01T00:00:00Z';

export function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
}

export function stringField(body: unknown, key: string): string | undefined {
  const v = field(body, key);
  return typeof v === 'string' ? v : undefined;
}
