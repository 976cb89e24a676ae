/** Stage: read the request body, up to the size limit. A larger body gets Kong's 413 (what its
 * nginx `client_max_body_size` answers); it is still read to the end, so the client, which is
 * usually still sending, gets the answer instead of a reset connection. */
import type { RequestContext } from '../context.ts';
import { PAYLOAD_TOO_LARGE, type Reply } from '../errors.ts';

/** Past this much, an oversized upload is cut off rather than drained. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export function readBody(ctx: RequestContext): Promise<Reply | undefined> | Reply | undefined {
  const { req } = ctx;
  const max = ctx.services.settings.maxBodyBytes;
  const declared = req.headers['content-length'];
  if (declared === '0') {
    ctx.rawBody = EMPTY;
    return undefined;
  }
  let over = declared !== undefined && Number(declared) > max;
  return new Promise((resolve) => {
    let first: Buffer | undefined;
    let more: Buffer[] | undefined;
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) over = true;
      if (over) {
        first = undefined;
        more = undefined;
        if (size > DRAIN_LIMIT) req.destroy();
        return;
      }
      // Most bodies arrive in one chunk: no array, no concat.
      if (first === undefined) first = chunk;
      else (more ??= [first]).push(chunk);
    });
    // 'end' and 'close' come once per request: on() spares once()'s wrapper and its removal.
    req.on('end', () => {
      if (over) return resolve(PAYLOAD_TOO_LARGE);
      ctx.rawBody = more ? Buffer.concat(more, size) : (first ?? EMPTY);
      resolve(undefined);
    });
    // An aborted upload ends in 'close' without 'end' (Node emits 'error' only to listeners).
    req.on('close', () => {
      if (req.complete) return;
      ctx.clientGone = true;
      resolve(undefined);
    });
  });
}

const EMPTY = Buffer.alloc(0);
