/** Shapes shared by the provider translators: what goes upstream, what comes back, and the context
 * every translator gets. Plain types plus the one error class the translators throw. */
import type { Model, Provider, RouteType, SecretRef } from '../../model/index.ts';

/** A parsed JSON object whose fields are not yet trusted. */
export type JsonObject = Record<string, unknown>;

/** Token counts in OpenAI's names, as Kong's analytics record them. */
export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** Everything a translator may look at while converting one request or response. */
export interface TranslateContext {
  readonly provider: Provider;
  readonly model: Model;
  readonly routeType: RouteType;
}

/** Node's `IncomingHttpHeaders` shape: lower-case names, repeated headers as arrays. */
export type ClientHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface BuildUpstreamInput extends TranslateContext {
  /** The client's body, already parsed and checked to be OpenAI chat or completions format. */
  readonly body: Readonly<JsonObject>;
  /** Whether the upstream should stream: the client asked, or the route forces it. */
  readonly stream: boolean;
  readonly resolveSecret: (ref: SecretRef) => string;
  /** The client's headers: read for `allowAuthOverride`. */
  readonly clientHeaders?: ClientHeaders;
  /** The client's query string: forwarded upstream (as Kong does), read for `api-version` and overrides. */
  readonly clientQuery?: URLSearchParams;
  /** Access token for a GCP service account (`gcp-service-account` auth, Gemini). */
  readonly gcpToken?: () => Promise<string>;
  /** Access token for an Azure managed identity (`azure-managed-identity` auth, Azure). */
  readonly azureToken?: () => Promise<string>;
  /** Clock for the SigV4 date; tests pin it. */
  readonly now?: () => Date;
}

/** The request to send upstream. Header names are lower-case and win over any forwarded client
 * header of the same name; for Bedrock they are signed, so they must be sent unchanged. */
export interface UpstreamRequest {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type BuildResult =
  | { readonly ok: true; readonly request: UpstreamRequest }
  /** What the client gets instead: `{"error":{"message":…}}` with this status. */
  | { readonly ok: false; readonly status: 400 | 500; readonly message: string };

export interface TranslatedResponse {
  readonly status: number;
  /** A string when the bytes pass through untouched (non-200, or an OpenAI-format upstream);
   * an object when the translator built a new body. */
  readonly body: JsonObject | string;
  readonly usage?: Usage;
}

/** Thrown by a translator when the input cannot be converted; the message is Kong's reason text. */
export class TranslationError extends Error {
  override readonly name = 'TranslationError';
}

/** Kong's name for a route type, used in its error messages (`openai://llm/v1/chat`). */
export function kongRouteType(type: RouteType): 'llm/v1/chat' | 'llm/v1/completions' {
  switch (type) {
    case 'chat':
      return 'llm/v1/chat';
    case 'completions':
      return 'llm/v1/completions';
  }
}

/** The default of an exhaustive switch: a compile error when a case is missing. */
export function assertNever(x: never): never {
  throw new Error(`unhandled case ${JSON.stringify(x)}`);
}
