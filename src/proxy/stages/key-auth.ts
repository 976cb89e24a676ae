/** Stage: Kong's key-auth. For each configured key name, in order, the key is looked for in the
 * headers, then the query, then the body (each where allowed); the first string found is the key.
 * Kong's 401 bodies; `hideCredentials` keeps the key from reaching the provider. The consumer it
 * authenticates is attached to the request for policies, metrics and logs. */
import { queryOf, type RequestContext } from '../context.ts';
import { DUPLICATE_API_KEY, NO_API_KEY, UNAUTHORIZED, type Reply } from '../errors.ts';
import { jsonBody, NOT_AN_OBJECT } from './json-body.ts';

export function keyAuth(ctx: RequestContext): Reply | undefined {
  const ka = ctx.route?.keyAuth;
  if (ka === undefined) return undefined;
  const { req } = ctx;
  let key: string | undefined;
  let at = -1;
  for (let i = 0; i < ka.keyNames.length; i++) {
    const name = ka.keyNames[i] as string;
    const header = ka.headerNames[i] as string;
    let v: unknown;
    if (ka.keyInHeader) {
      v = req.headers[header];
      // Node joins a repeated header with ", "; Kong sees a list there and refuses it.
      if (typeof v === 'string' && v.includes(',') && (req.headersDistinct[header]?.length ?? 0) > 1) return DUPLICATE_API_KEY;
    }
    if (v === undefined && ka.keyInQuery && ctx.search !== '') {
      const all = queryOf(ctx).getAll(name);
      if (all.length > 1) return DUPLICATE_API_KEY;
      v = all[0];
    }
    if (v === undefined && ka.keyInBody) {
      const body = jsonBody(ctx);
      if (body !== undefined && body !== NOT_AN_OBJECT) v = body[name];
    }
    if (typeof v === 'string') {
      key = v;
      at = i;
      break;
    }
    if (Array.isArray(v)) return DUPLICATE_API_KEY;
  }
  if (key === undefined || key === '') return NO_API_KEY;
  const consumer = ctx.state.consumersByKey.get(key);
  if (consumer === undefined) return UNAUTHORIZED;
  ctx.consumer = consumer;
  if (ka.hideCredentials) hide(ctx, ka.keyNames[at] as string, ka.headerNames[at] as string, ka.keyInBody);
  return undefined;
}

/** Kong clears the name from the headers, the query and (when keys may be there) the body,
 * wherever the key was actually found. */
function hide(ctx: RequestContext, name: string, header: string, inBody: boolean): void {
  ctx.hiddenHeader = header;
  if (ctx.search !== '') queryOf(ctx).delete(name);
  if (inBody) {
    const body = jsonBody(ctx);
    if (body !== undefined && body !== NOT_AN_OBJECT && name in body) {
      delete body[name];
      // Kong rewrites the body too, so a request transformer (which reads the raw body) never sees the key.
      ctx.rawBody = Buffer.from(JSON.stringify(body), 'utf8');
    }
  }
}
