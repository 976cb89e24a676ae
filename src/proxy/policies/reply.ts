/** What a policy engine hands back instead of throwing: a reply for the client (status, serialised
 * body, headers) with Kong's exact bodies, or a value to carry on with. The reply has the same shape
 * as the server's own `Reply`, so the server can send it as is. */

export interface PolicyReply {
  readonly status: number;
  /** Serialised JSON. */
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reply: PolicyReply };

/** An AI-plugin error, as `kong.response.exit(status, {error={message=…}})` writes it. */
export function pluginError(status: number, message: string): PolicyReply {
  return { status, body: JSON.stringify({ error: { message } }) };
}

/** A gateway-level error (`{"message":…}`), the shape Kong's rate-limiting plugins use. */
export function gatewayMessage(status: number, message: string, headers?: Readonly<Record<string, string>>): PolicyReply {
  const body = JSON.stringify({ message });
  return headers ? { status, body, headers } : { status, body };
}

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T>(reply: PolicyReply): Outcome<T> {
  return { ok: false, reply };
}

/** Messages several plugins share, verbatim from Kong 3.10 (FACTS §2.2). */
export const KONG_MESSAGES = {
  notJson: 'this LLM route only supports application/json requests',
  chatOnly: 'this LLM route only supports llm/chat type requests',
  badRequest: 'bad request',
} as const;
