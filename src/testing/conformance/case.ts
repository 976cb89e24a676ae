/** A conformance case is data: a config, the features it needs (from the one vocabulary in
 * src/model/features.ts), and exchanges, each a request, what the mock providers answer, and what
 * the client and the providers must see. Gateways run the cases whose features they declare and
 * skip the others with the reason; the expectations mean exactly what they mean in `aigate test`
 * (see step.ts). */
import type { MockReply } from '../../mock/index.ts';
import type { Feature, TestExpect } from '../../model/index.ts';

export interface ExchangeRequest {
  /** A route by name (its first prefix path is used); or give `path`. */
  readonly route?: string;
  readonly path?: string;
  /** Send this consumer's key where the route expects it. */
  readonly consumer?: string;
  /** Send this literal key instead. */
  readonly key?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body (a string is sent as is). */
  readonly body?: unknown;
  /** Shorthand for `{ messages: [{ role: 'user', content: prompt }] }`. */
  readonly prompt?: string;
}

export interface Exchange {
  readonly request: ExchangeRequest;
  /** Replies per model name, in call order, in the mock providers' terms (faults, gzip, cut
   * points, raw streams). Calls beyond them get the mock's echo. */
  readonly mock?: Readonly<Record<string, MockReply | readonly MockReply[]>>;
  readonly expectResponse: Omit<TestExpect, 'upstream'>;
  readonly expectUpstream?: TestExpect['upstream'];
  /** Send the request this many times; expectations apply to the last. @default 1 */
  readonly repeat?: number;
}

export interface ConformanceCase<Config = unknown> {
  /** Kebab-case, unique; reports sort by it. */
  readonly name: string;
  /** What behaviour the case pins down, in a sentence. */
  readonly description: string;
  /** Everything a gateway must support to run the case. */
  readonly features: readonly Feature[];
  /** An inline config (what `defineGateway` takes), or a config file path relative to the repository root. */
  readonly config: Config | string;
  readonly exchanges: readonly Exchange[];
  /** What is known about a gateway (by id) on this case: a reason to skip it, or an explanation
   * of the difference that makes it fail, shown in that gateway's report. */
  readonly known?: Readonly<Record<string, KnownDifference>>;
}

export interface KnownDifference {
  /** Skip the case on that gateway, for this reason (the case cannot say anything about it). */
  readonly skip?: string;
  /** The case fails on that gateway because it behaves differently, and this says how. */
  readonly note?: string;
}

export function isConformanceCase(v: unknown): v is ConformanceCase {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c.name === 'string' && Array.isArray(c.features) && Array.isArray(c.exchanges) && c.config !== undefined;
}
