/** Small helpers for reading untrusted JSON the way Kong's Lua reads the same decoded table. */

/** A parsed JSON object whose fields are not yet trusted. */
export type JsonObject = Record<string, unknown>;

/** Node's `IncomingHttpHeaders` shape: lower-case names, repeated headers as arrays. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Lua sees both JSON objects and arrays as tables; many of Kong's checks are `type(x) == "table"`. */
export function isTable(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null;
}

/** Lua truthiness of a cjson-decoded value: only a missing field and `false` are falsy, because
 * cjson decodes JSON `null` to a (truthy) sentinel. */
export function luaTruthy(value: unknown): boolean {
  return value !== undefined && value !== false;
}

/** The name Lua's `type()` gives a cjson-decoded value, for messages that quote it. */
export function luaType(value: unknown): string {
  if (value === null) return 'userdata'; // cjson.null
  if (typeof value === 'object') return 'table';
  if (typeof value === 'undefined') return 'nil';
  return typeof value; // string, number, boolean
}

/** A buffered HTTP response: what the transformer rewrites and the cache stores. */
export interface HttpResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One header's value (the first, if repeated), looked up case-insensitively. */
export function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const v = headers[name.toLowerCase()] ?? headers[name];
  return typeof v === 'string' ? v : v?.[0];
}
