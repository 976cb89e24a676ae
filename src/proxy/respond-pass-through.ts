/** Writes a non-200 upstream reply to the client untouched, as Kong does (its AI filters skip any
 * status but 200): same status, same bytes, same encoding; only hop-by-hop headers are dropped and
 * the policies' headers added. Chunks are written as they arrive, so an error body is never held
 * whole. */
import { withPolicyHeaders } from './deliver.ts';
import { downstreamHeaders } from './headers.ts';
import type { Exchange, ReplyWriter } from './upstream-call.ts';
import type { UpstreamFailure } from './upstream.ts';

export function passThroughWriter({ ctx, status, headers }: Exchange): ReplyWriter {
  const { res } = ctx;
  ctx.status = status;
  ctx.responded = true;
  res.writeHead(status, withPolicyHeaders(ctx, downstreamHeaders(headers, { rewritten: false })));
  return {
    data: (chunk) => res.write(chunk),
    end: () => {
      res.end();
      return true;
    },
    fail(failure: UpstreamFailure) {
      if (failure === 'aborted') return;
      ctx.error = failure === 'timeout' ? 'upstream_timeout' : 'upstream_cut';
      // The status line is out; cutting the connection is the only way left to say "incomplete".
      res.destroy();
    },
  };
}
