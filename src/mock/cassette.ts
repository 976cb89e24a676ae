/**
 * Cassettes: recorded provider exchanges in YAML or JSON, `{ name?, request?: match, response: reply }`,
 * replayed by the mock when a request matches or names them (`x-mock-cassette`). Also reads a bare
 * recorded body (e.g. Kong's `real-responses/*.json`) as a reply. Loading checks the shape and names
 * the file and field on error, keeping the parser's error as `cause`.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PROVIDER_KINDS } from '../model/index.ts';
import type { ProviderKind } from '../model/index.ts';
import { isMockFault } from './faults.ts';
import type { Cassette, CassetteMatch, Dialect, MockReply, MockStreamEvent } from './types.ts';

export class MockInputError extends Error {
  override readonly name = 'MockInputError';
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function fail(where: string, message: string): never {
  throw new MockInputError(`${where}: ${message}`);
}

function optInt(o: Obj, key: string, where: string, min = 0): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(`${where}.${key}`, `expected an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  return v;
}

function optString(o: Obj, key: string, where: string): string | undefined {
  const v = o[key];
  if (v !== undefined && typeof v !== 'string') fail(`${where}.${key}`, `expected a string, got ${JSON.stringify(v)}`);
  return v;
}

function stringRecord(v: unknown, where: string): Record<string, string> {
  if (!isObj(v)) fail(where, 'expected an object of strings');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string' && typeof x !== 'number') fail(`${where}.${k}`, `expected a string, got ${JSON.stringify(x)}`);
    out[k] = String(x);
  }
  return out;
}

const REPLY_KEYS = new Set(['status', 'headers', 'body', 'stream', 'text', 'usage', 'delayMs', 'chunkIntervalMs', 'fault', 'cutAfter', 'gzip']);

/** Checks an untrusted value (a cassette's `response`, a control-endpoint body) as a `MockReply`. */
export function parseMockReply(v: unknown, where = 'reply'): MockReply {
  if (!isObj(v)) fail(where, 'expected an object');
  for (const k of Object.keys(v)) if (!REPLY_KEYS.has(k)) fail(`${where}.${k}`, `unknown field; expected one of ${[...REPLY_KEYS].join(', ')}`);
  const status = optInt(v, 'status', where, 100);
  if (status !== undefined && status > 599) fail(`${where}.status`, `not an HTTP status: ${status}`);
  const stream = v['stream'];
  if (stream !== undefined) {
    if (!Array.isArray(stream)) fail(`${where}.stream`, 'expected an array of events');
    stream.forEach((e: unknown, i) => {
      if (typeof e === 'string' || e instanceof Uint8Array) return;
      if (!isObj(e) || !('data' in e)) fail(`${where}.stream[${i}]`, 'expected a string, bytes, or { event?, data }');
      if (e['event'] !== undefined && typeof e['event'] !== 'string') fail(`${where}.stream[${i}].event`, 'expected a string');
    });
  }
  const fault = v['fault'];
  if (fault !== undefined && !isMockFault(fault)) fail(`${where}.fault`, `expected reset, cut-stream, malformed-chunk or hang, got ${JSON.stringify(fault)}`);
  const usage = v['usage'];
  if (usage !== undefined) {
    if (!isObj(usage)) fail(`${where}.usage`, 'expected { promptTokens?, completionTokens? }');
    optInt(usage, 'promptTokens', `${where}.usage`);
    optInt(usage, 'completionTokens', `${where}.usage`);
  }
  optInt(v, 'delayMs', where);
  optInt(v, 'chunkIntervalMs', where);
  optInt(v, 'cutAfter', where);
  optString(v, 'text', where);
  if (v['gzip'] !== undefined && typeof v['gzip'] !== 'boolean') fail(`${where}.gzip`, 'expected a boolean');
  const headers = v['headers'] === undefined ? undefined : stringRecord(v['headers'], `${where}.headers`);
  return { ...(v as MockReply), ...(headers === undefined ? {} : { headers }), ...(stream === undefined ? {} : { stream: stream as MockStreamEvent[] }) };
}

const KINDS: ReadonlySet<string> = new Set(PROVIDER_KINDS);

function parseMatch(v: unknown, where: string): CassetteMatch {
  if (!isObj(v)) fail(where, 'expected an object');
  const provider = optString(v, 'provider', where);
  if (provider !== undefined && !KINDS.has(provider)) fail(`${where}.provider`, `unknown provider kind "${provider}"`);
  for (const k of ['method', 'path', 'model', 'bodyIncludes']) optString(v, k, where);
  if (v['stream'] !== undefined && typeof v['stream'] !== 'boolean') fail(`${where}.stream`, 'expected a boolean');
  const headers = v['headers'] === undefined ? undefined : stringRecord(v['headers'], `${where}.headers`);
  return { ...(v as CassetteMatch), ...(provider === undefined ? {} : { provider: provider as ProviderKind }), ...(headers === undefined ? {} : { headers }) };
}

/** Checks an untrusted cassette value; `fallbackName` is used when it has no `name`. */
export function parseCassette(v: unknown, fallbackName: string, where = fallbackName): Cassette {
  if (!isObj(v)) fail(where, 'expected { request?, response }');
  if (!('response' in v)) fail(where, 'not a cassette (no `response`); for a bare recorded body use replyFromFile()');
  const name = optString(v, 'name', where) ?? fallbackName;
  const response = parseMockReply(v['response'], `${where}.response`);
  return v['request'] === undefined ? { name, response } : { name, request: parseMatch(v['request'], `${where}.request`), response };
}

function parseFile(path: string, text: string): unknown {
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new MockInputError(`${path}: not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}`, { cause });
  }
}

/** Reads one cassette file (`.yaml`, `.yml` or `.json`); its name defaults to the file name. */
export async function loadCassette(path: string): Promise<Cassette> {
  const text = await readFile(path, 'utf8');
  return parseCassette(parseFile(path, text), basename(path, extname(path)), path);
}

const CASSETTE_EXT = new Set(['.yaml', '.yml', '.json']);

/** Every cassette file directly in `dir`, in file-name order. */
export async function loadCassettes(dir: string): Promise<Cassette[]> {
  const names = (await readdir(dir)).filter((n) => CASSETTE_EXT.has(extname(n))).sort();
  return Promise.all(names.map((n) => loadCassette(join(dir, n))));
}

const TYPE_BY_EXT: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.txt': 'text/event-stream',
  '.sse': 'text/event-stream',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.bin': 'application/vnd.amazon.eventstream',
};

/**
 * A recorded body replayed byte for byte (e.g. Kong's `real-responses/openai/llm-v1-chat.json`, or a
 * captured SSE `.txt`); the content type comes from the extension unless `init.headers` sets one.
 */
export async function replyFromFile(path: string, init: MockReply = {}): Promise<MockReply> {
  const body = await readFile(path);
  const type = TYPE_BY_EXT[extname(path)] ?? 'application/octet-stream';
  return { ...init, body, headers: { 'content-type': type, ...init.headers } };
}

/** What a cassette can be matched against. */
export interface MatchableRequest {
  readonly method: string;
  readonly path: string;
  readonly provider: ProviderKind;
  readonly dialect: Dialect;
  readonly model: string | undefined;
  readonly stream: boolean;
  readonly rawBody: Buffer;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export function cassetteMatches(m: CassetteMatch | undefined, r: MatchableRequest): boolean {
  if (m === undefined) return true;
  if (m.method !== undefined && m.method.toUpperCase() !== r.method) return false;
  if (m.path !== undefined && !(m.path.endsWith('*') ? r.path.startsWith(m.path.slice(0, -1)) : r.path === m.path)) return false;
  if (m.provider !== undefined && m.provider !== r.provider) return false;
  if (m.model !== undefined && m.model !== r.model) return false;
  if (m.stream !== undefined && m.stream !== r.stream) return false;
  if (m.bodyIncludes !== undefined && !r.rawBody.includes(m.bodyIncludes)) return false;
  if (m.headers !== undefined) {
    for (const k in m.headers) {
      const v = r.headers[k.toLowerCase()];
      if ((Array.isArray(v) ? v[0] : v) !== m.headers[k]) return false;
    }
  }
  return true;
}
