/** The upstream every Kong service points at although ai-proxy never contacts it. */

// Kong requires a host on every service, but ai-proxy replaces the upstream with the model's
// endpoint, so this address is never contacted. Kong's own AI examples use the same placeholder.
export const PLACEHOLDER_UPSTREAM = { protocol: 'http', host: 'localhost', port: 32000 } as const;

export const PLACEHOLDER_UPSTREAM_URL = `${PLACEHOLDER_UPSTREAM.protocol}://${PLACEHOLDER_UPSTREAM.host}:${PLACEHOLDER_UPSTREAM.port}`;
