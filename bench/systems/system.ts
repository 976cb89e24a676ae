/** What every system under test looks like to the bench: a URL to load, the headers it needs, the
 * process to measure (none for `direct`), and how to stop it. */
import type { Upstream } from '../upstream.ts';

export const SYSTEMS = ['direct', 'bare', 'aigate', 'aigate-policies', 'portkey'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export interface System {
  readonly name: SystemName;
  /** The chat completions endpoint clients call. */
  readonly url: string;
  /** Headers this system needs on top of the common ones (Portkey's routing, a consumer key). */
  readonly headers: Readonly<Record<string, string>>;
  /** The proxy's process; undefined for `direct`, which has none. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** A system that could not start for a known, expected reason (a feature not wired in yet). */
export interface Skipped {
  readonly skipped: string;
}

export interface StartContext {
  readonly upstream: Upstream;
  /** The core the proxy is pinned to. */
  readonly core: number;
  /** Extra node flags for the proxy process (`--cpu-prof …` when profiling). */
  readonly nodeFlags?: readonly string[];
  /** A command the proxy's node runs under, and how long it may take to listen (`bench:count`
   * runs it under valgrind, ~50 times slower). @default none, 20 s */
  readonly wrapper?: readonly string[];
  readonly readyMs?: number;
  /** Another checkout whose `aigate serve` and bench configs to run (`bench:ab --against`).
   * @default this checkout */
  readonly root?: string;
}

export type Start = (ctx: StartContext) => Promise<System | Skipped>;
