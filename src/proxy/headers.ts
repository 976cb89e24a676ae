/** Which headers cross the proxy, each way. Client headers go upstream except hop-by-hop ones, the
 * hidden key-auth header and `accept-encoding` (the translators read plain bytes); the
 * translator's own headers win over the client's. Upstream headers come back except hop-by-hop
 * ones and whatever the proxy recomputes. */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { ProviderKind } from '../model/index.ts';

/** Never forwarded upstream: hop-by-hop, recomputed (host, length), or the encoding we choose. */
const NOT_UPSTREAM: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'content-length',
  'accept-encoding',
  'http2-settings',
]);

/** Never copied back to the client: hop-by-hop, or framing Node recomputes. */
const NOT_DOWNSTREAM: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** Kong's `clear_response_headers`: these drivers drop the provider's cookies. */
const DROPS_COOKIES: ReadonlySet<ProviderKind> = new Set(['openai', 'azure', 'mistral', 'gemini', 'bedrock', 'openai-compatible']);

/** Kong's key-auth sets these for the upstream and clears whatever the client sent under the same
 * names, so a client cannot pose as another consumer. */
const CONSUMER_HEADERS: ReadonlySet<string> = new Set(['x-consumer-id', 'x-consumer-custom-id', 'x-consumer-username', 'x-credential-identifier', 'x-anonymous-consumer']);

export interface Authenticated {
  readonly name: string;
  readonly customId?: string;
}

/**
 * @param hidden the key-auth header not to forward (`hideCredentials`)
 * @param consumer set on key-auth routes: the consumer key-auth authenticated
 */
export function upstreamHeaders(
  client: IncomingHttpHeaders,
  hidden: string | undefined,
  own: Readonly<Record<string, string>>,
  consumer?: Authenticated,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in client) {
    if (NOT_UPSTREAM.has(name) || name === hidden) continue;
    if (consumer !== undefined && CONSUMER_HEADERS.has(name)) continue;
    const v = client[name];
    if (v !== undefined) out[name] = v;
  }
  if (consumer !== undefined) {
    out['x-consumer-username'] = consumer.name;
    if (consumer.customId !== undefined) out['x-consumer-custom-id'] = consumer.customId;
  }
  // Lower-case names, so an assignment replaces the client's header of the same name.
  for (const name in own) out[name] = own[name] as string;
  return out;
}

export interface DownstreamOptions {
  /** The proxy rewrites the body: the upstream's length, type and encoding no longer apply. */
  readonly rewritten: boolean;
  /** Drop `set-cookie` as Kong's driver for this provider does (200 replies only). */
  readonly provider?: ProviderKind;
}

export function downstreamHeaders(upstream: Readonly<Record<string, string | string[] | undefined>>, options: DownstreamOptions): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const dropCookies = options.provider !== undefined && DROPS_COOKIES.has(options.provider);
  for (const name in upstream) {
    if (NOT_DOWNSTREAM.has(name)) continue;
    if (options.rewritten && (name === 'content-length' || name === 'content-type' || name === 'content-encoding')) continue;
    if (dropCookies && name === 'set-cookie') continue;
    const v = upstream[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}
