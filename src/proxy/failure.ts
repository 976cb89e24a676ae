/** What the client is told when the provider fails before any byte of the reply went out: Kong's
 * 502, 503 or 504 body; nothing when the client itself left. Also notes the cause for the log. */
import type { RequestContext } from './context.ts';
import { BAD_GATEWAY, gatewayError, GATEWAY_TIMEOUT, type Reply } from './errors.ts';
import type { UpstreamFailure } from './upstream.ts';

const NAME_RESOLUTION_FAILED = gatewayError(503, 'name resolution failed');

export function failureReply(ctx: RequestContext, failure: UpstreamFailure): Reply | undefined {
  switch (failure) {
    case 'aborted':
      ctx.clientGone = true;
      ctx.error = 'client_closed';
      return undefined;
    case 'timeout':
      ctx.error = 'upstream_timeout';
      return GATEWAY_TIMEOUT;
    case 'dns':
      ctx.error = 'upstream_dns';
      return NAME_RESOLUTION_FAILED;
    case 'bad-gateway':
      ctx.error = 'upstream_unavailable';
      return BAD_GATEWAY;
  }
}
