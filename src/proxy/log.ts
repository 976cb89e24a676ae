/** Structured request logs: one JSON line per request. Lines are built from a fixed list of fields,
 * never from headers or bodies, so no credential (client key, provider key, resolved secret) can
 * reach them. */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Usage } from './translate/index.ts';

export interface LogSink {
  write(line: string): void;
  /** Writes out whatever is held back; the proxy calls it when it closes. */
  flush?(): void;
}

/** A sink that gathers the lines of one event-loop turn into one write: stderr is synchronous on
 * Linux (one system call per write), and a busy proxy finishes many requests per turn. */
export function batchedSink(out: { write(chunk: string): unknown }): LogSink {
  let held: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (held.length === 0) return;
    const lines = held;
    held = [];
    out.write(lines.length === 1 ? (lines[0] as string) : lines.join(''));
  };
  return {
    write(line) {
      held.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/** Appends to a file (created when missing), one write per event-loop turn; opening it fails at
 * once (a bad path is a start-up error, not a lost log). `close` flushes and closes it. */
export function fileSink(path: string): LogSink & { close(): void } {
  const fd = openSync(path, 'a');
  const sink = batchedSink({ write: (chunk: string) => writeSync(fd, chunk) });
  let closed = false;
  return {
    write: (line) => {
      if (!closed) sink.write(line);
    },
    flush: () => {
      if (!closed) sink.flush?.();
    },
    close() {
      if (closed) return;
      sink.flush?.();
      closed = true;
      closeSync(fd);
    },
  };
}

/** Where logs go unless the server options say otherwise. */
export const stderrSink: LogSink = batchedSink(process.stderr);

export interface RequestLog {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly route: string | null;
  readonly consumer: string | null;
  readonly provider: string | null;
  readonly model: string | null;
  readonly status: number;
  readonly stream: boolean;
  readonly latency_ms: number;
  readonly upstream_latency_ms: number | null;
  readonly tokens: { readonly prompt: number; readonly completion: number; readonly total: number } | null;
  readonly cost: number | null;
  /** Why the request failed on the proxy's side, when it did (`upstream_timeout`, `stream_cut`, …). */
  readonly error: string | null;
  /** Upstream attempts: more than 1 when the balancer failed over; 0 when none was made. */
  readonly attempts: number;
  /** The cache lookup: `Hit`, `Miss`, `Bypass`, `Refresh`; null without a cache policy. */
  readonly cache: string | null;
  /** `allowed`, `rejected`, or `error` (the counter store failed and the request went through);
   * null when no limit applies. */
  readonly limit: string | null;
}

export function tokensOf(u: Usage | undefined): RequestLog['tokens'] {
  return u ? { prompt: u.prompt_tokens, completion: u.completion_tokens, total: u.total_tokens } : null;
}

export function logLine(entry: RequestLog): string {
  return `${JSON.stringify(entry)}\n`;
}
