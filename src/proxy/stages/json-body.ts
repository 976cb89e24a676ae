/** The client's body as JSON, parsed once per request and shared by key-auth (keys in the body)
 * and the request checks. Like Kong, a missing Content-Type means JSON, and any other type is a
 * mismatch. */
import type { RequestContext } from '../context.ts';
import type { JsonObject } from '../translate/index.ts';

/** Parsed JSON that is not an object (an array): Kong parses it, then finds no prompts in it. */
export const NOT_AN_OBJECT: JsonObject = Object.freeze({});

/** The body object; `NOT_AN_OBJECT` for a JSON array; `undefined` when it is not JSON at all. */
export function jsonBody(ctx: RequestContext): JsonObject | undefined {
  if (ctx.body !== undefined) return ctx.body;
  const type = ctx.req.headers['content-type'];
  // Kong's get_body looks for the JSON media type anywhere in the header (a plain `find`).
  if (type !== undefined && !type.toLowerCase().includes('application/json')) return undefined;
  const raw = ctx.rawBody;
  if (raw === undefined || raw.length === 0) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  ctx.body = Array.isArray(v) ? NOT_AN_OBJECT : (v as JsonObject);
  return ctx.body;
}

/** A policy rewrote the body (request transformer, template): the new text is the body in use, and
 * it is parsed again on next use, as Kong's plugins each read the body set before them. */
export function replaceBody(ctx: RequestContext, text: string): void {
  ctx.rawBody = Buffer.from(text, 'utf8');
  ctx.body = undefined;
}
