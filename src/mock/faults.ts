/**
 * Per-request control through `x-mock-*` headers, for tests that talk to the mock through a gateway
 * and have no side channel. Gateways may drop unknown headers, so `enqueue` stays the primary control.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { MockFault, MockReply } from './types.ts';

export const MOCK_HEADERS = {
  status: 'x-mock-status',
  delayMs: 'x-mock-delay-ms',
  chunkIntervalMs: 'x-mock-chunk-interval-ms',
  fault: 'x-mock-fault',
  cutAfter: 'x-mock-cut-after',
  gzip: 'x-mock-gzip',
  /** Assistant text of the generated reply. */
  text: 'x-mock-text',
  /** Name of a loaded cassette to replay. */
  cassette: 'x-mock-cassette',
} as const;

const FAULTS: ReadonlySet<string> = new Set<MockFault>(['reset', 'cut-stream', 'malformed-chunk', 'hang']);

export function isMockFault(v: unknown): v is MockFault {
  return typeof v === 'string' && FAULTS.has(v);
}

function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export type HeaderOverrides = { readonly ok: true; readonly reply?: MockReply } | { readonly ok: false; readonly message: string };

const NONE: HeaderOverrides = Object.freeze({ ok: true });

/** The reply fields asked for by headers; `reply` is undefined in the common case of none. */
export function overridesFromHeaders(headers: IncomingHttpHeaders): HeaderOverrides {
  const status = one(headers, MOCK_HEADERS.status);
  const delay = one(headers, MOCK_HEADERS.delayMs);
  const interval = one(headers, MOCK_HEADERS.chunkIntervalMs);
  const fault = one(headers, MOCK_HEADERS.fault);
  const cutAfter = one(headers, MOCK_HEADERS.cutAfter);
  const gzip = one(headers, MOCK_HEADERS.gzip);
  const text = one(headers, MOCK_HEADERS.text);
  if (status === undefined && delay === undefined && interval === undefined && fault === undefined && cutAfter === undefined && gzip === undefined && text === undefined) {
    return NONE;
  }
  const out: { -readonly [K in keyof MockReply]: MockReply[K] } = {};
  const ints: readonly [string | undefined, string, (n: number) => void][] = [
    [status, MOCK_HEADERS.status, (n) => (out.status = n)],
    [delay, MOCK_HEADERS.delayMs, (n) => (out.delayMs = n)],
    [interval, MOCK_HEADERS.chunkIntervalMs, (n) => (out.chunkIntervalMs = n)],
    [cutAfter, MOCK_HEADERS.cutAfter, (n) => (out.cutAfter = n)],
  ];
  for (const [raw, name, set] of ints) {
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) return { ok: false, message: `${name} must be a non-negative integer, got "${raw}"` };
    set(n);
  }
  if (status !== undefined && (out.status === undefined || out.status < 100 || out.status > 599)) {
    return { ok: false, message: `${MOCK_HEADERS.status} must be an HTTP status, got "${status}"` };
  }
  if (fault !== undefined) {
    if (!isMockFault(fault)) return { ok: false, message: `${MOCK_HEADERS.fault} must be one of ${[...FAULTS].join(', ')}, got "${fault}"` };
    out.fault = fault;
  }
  if (gzip !== undefined) out.gzip = gzip !== '0' && gzip !== 'false';
  if (text !== undefined) out.text = text;
  return { ok: true, reply: out };
}

/** `over`'s fields win; either may be absent. */
export function mergeReplies(base: MockReply | undefined, over: MockReply | undefined): MockReply {
  if (over === undefined) return base ?? EMPTY;
  if (base === undefined) return over;
  return { ...base, ...over, headers: base.headers === undefined ? over.headers : { ...base.headers, ...over.headers } };
}

const EMPTY: MockReply = Object.freeze({});
