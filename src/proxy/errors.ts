/** The error replies the proxy sends, with Kong's statuses and bodies (FACTS §2.2, Kong's
 * `error_handlers.lua`): plugin errors are `{"error":{"message":…}}`, gateway errors `{"message":…}`. */

export interface Reply {
  readonly status: number;
  /** Serialised JSON. */
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An AI-plugin error: `{"error":{"message":…}}`. */
export function pluginError(status: number, message: string): Reply {
  return { status, body: JSON.stringify({ error: { message } }) };
}

/** A gateway error: `{"message":…}`. */
export function gatewayError(status: number, message: string, headers?: Readonly<Record<string, string>>): Reply {
  const body = JSON.stringify({ message });
  return headers ? { status, body, headers } : { status, body };
}

export const KONG = {
  noRoute: 'no Route matched with those values',
  payloadTooLarge: 'Payload too large',
  noApiKey: 'No API key found in request',
  unauthorized: 'Unauthorized',
  duplicateApiKey: 'Duplicate API key found',
  badGateway: 'An invalid response was received from the upstream server',
  gatewayTimeout: 'The upstream server is timing out',
  unexpected: 'An unexpected error occurred',
  badJson: 'content-type header does not match request body, or bad JSON formatting',
  noPrompts: "request body doesn't contain valid prompts",
  multipleFormats: 'request matches multiple LLM request formats',
  streamingDenied: 'response streaming is not enabled for this LLM',
} as const;

// Replies that never vary are built once.
export const NO_ROUTE = gatewayError(404, KONG.noRoute);
export const PAYLOAD_TOO_LARGE = gatewayError(413, KONG.payloadTooLarge);
export const NO_API_KEY = gatewayError(401, KONG.noApiKey, { 'www-authenticate': 'Key' });
export const UNAUTHORIZED = gatewayError(401, KONG.unauthorized, { 'www-authenticate': 'Key' });
export const DUPLICATE_API_KEY = gatewayError(401, KONG.duplicateApiKey, { 'www-authenticate': 'Key' });
export const BAD_GATEWAY = gatewayError(502, KONG.badGateway);
export const GATEWAY_TIMEOUT = gatewayError(504, KONG.gatewayTimeout);
export const UNEXPECTED = gatewayError(500, KONG.unexpected);
export const BAD_JSON = pluginError(400, KONG.badJson);
export const NO_PROMPTS = pluginError(400, KONG.noPrompts);
export const MULTIPLE_FORMATS = pluginError(400, KONG.multipleFormats);
export const STREAMING_DENIED = pluginError(400, KONG.streamingDenied);

/** Kong's `is_compatible` message: `[llm/v1/chat] message format is not compatible with [llm/v1/completions] route type`. */
export function incompatible(bodyIsChat: boolean): Reply {
  const [got, want] = bodyIsChat ? ['llm/v1/chat', 'llm/v1/completions'] : ['llm/v1/completions', 'llm/v1/chat'];
  return pluginError(400, `[${got}] message format is not compatible with [${want}] route type`);
}

/** The SSE event a streaming client gets when the stream breaks after bytes were sent. */
export function streamErrorEvent(message: string): string {
  return `data: ${JSON.stringify({ error: { message } })}\n\n`;
}
