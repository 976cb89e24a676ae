/** Puts the provider's credential on the upstream request: a header, a query or body parameter, a
 * cloud token, or (Bedrock) the AWS keys the caller then signs with. Values come from
 * `resolveSecret` and never appear in an error message. */
import type { Provider, ProviderAuth, SecretRef } from '../../model/index.ts';
import type { AwsCredentials } from './aws-sigv4.ts';
import type { BuildUpstreamInput, ClientHeaders, JsonObject } from './types.ts';

export type AuthOutcome =
  | { readonly kind: 'applied' }
  /** Bedrock: sign the finished request with these keys. */
  | { readonly kind: 'sign'; readonly credentials: AwsCredentials }
  | { readonly kind: 'failed'; readonly message: string };

const APPLIED: AuthOutcome = { kind: 'applied' };

/** Kong's message when a cloud identity cannot be obtained (`normalize-request.lua`). */
const IDENTITY_FAILED = 'LLM request failed before proxying';

/** Mutates `headers`, the URL and `body`, which the caller owns and has just built. `url` makes the
 * URL on first call (only a query credential needs one). A promise only while a cloud token is fetched. */
export function applyAuth(
  input: BuildUpstreamInput,
  url: () => URL,
  headers: Record<string, string>,
  body: JsonObject,
): AuthOutcome | Promise<AuthOutcome> {
  const { provider } = input;
  const auth = provider.auth;
  if (auth === undefined) {
    // Kong signs Bedrock with the gateway's own AWS environment when the config has no keys.
    return provider.kind === 'bedrock' ? awsFromEnv(input) : APPLIED;
  }
  // Kong's schema refuses allow_override for bedrock and gemini, and its gemini driver ignores it.
  const override = provider.allowAuthOverride && provider.kind !== 'gemini' && provider.kind !== 'bedrock';
  try {
    switch (auth.kind) {
      case 'header': {
        const name = auth.name.toLowerCase();
        // Only an override reads the client's header (a scan of every header when it is absent).
        const mine = override ? clientHeader(input.clientHeaders, name) : undefined;
        headers[name] = override && mine !== undefined ? mine : input.resolveSecret(auth.value);
        return APPLIED;
      }
      case 'param':
        switch (auth.location) {
          case 'query':
            // The client's query was already forwarded onto `url`; keep its value only on override.
            if (!(override && input.clientQuery?.has(auth.name) === true)) url().searchParams.set(auth.name, input.resolveSecret(auth.value));
            return APPLIED;
          case 'body': {
            // Kong only manages this for bodies it passes through (OpenAI format); here the
            // parameter lands in every provider's translated body.
            const mine = input.body[auth.name];
            body[auth.name] = override && mine !== undefined ? mine : input.resolveSecret(auth.value);
            return APPLIED;
          }
        }
        break;
      case 'aws':
        if (provider.kind !== 'bedrock') return mismatch(provider, auth);
        return {
          kind: 'sign',
          credentials: { accessKeyId: input.resolveSecret(auth.accessKeyId), secretAccessKey: input.resolveSecret(auth.secretAccessKey) },
        };
      case 'gcp-service-account':
        if (provider.kind !== 'gemini') return mismatch(provider, auth);
        return bearer(headers, input.gcpToken);
      case 'azure-managed-identity':
        if (provider.kind !== 'azure') return mismatch(provider, auth);
        return bearer(headers, input.azureToken);
    }
  } catch {
    return { kind: 'failed', message: `could not resolve the credential of provider '${provider.name}'` };
  }
  return APPLIED;
}

async function bearer(headers: Record<string, string>, token: (() => Promise<string>) | undefined): Promise<AuthOutcome> {
  if (token === undefined) return { kind: 'failed', message: IDENTITY_FAILED };
  try {
    headers.authorization = `Bearer ${await token()}`;
    return APPLIED;
  } catch {
    return { kind: 'failed', message: IDENTITY_FAILED };
  }
}

function awsFromEnv(input: BuildUpstreamInput): AuthOutcome {
  const env = (name: string): SecretRef => ({ kind: 'env', name });
  try {
    const accessKeyId = input.resolveSecret(env('AWS_ACCESS_KEY_ID'));
    const secretAccessKey = input.resolveSecret(env('AWS_SECRET_ACCESS_KEY'));
    if (accessKeyId === '' || secretAccessKey === '') return { kind: 'failed', message: IDENTITY_FAILED };
    return { kind: 'sign', credentials: { accessKeyId, secretAccessKey } };
  } catch {
    return { kind: 'failed', message: IDENTITY_FAILED };
  }
}

function mismatch(provider: Provider, auth: ProviderAuth): AuthOutcome {
  return { kind: 'failed', message: `auth '${auth.kind}' is not supported by provider '${provider.name}' (${provider.kind})` };
}

function clientHeader(headers: ClientHeaders | undefined, lowerName: string): string | undefined {
  if (headers === undefined) return undefined;
  const v = headers[lowerName] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === lowerName)?.[1];
  return typeof v === 'string' ? v : v?.[0];
}
