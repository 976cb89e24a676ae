/** AWS Signature Version 4 for Bedrock requests, on the `aws4` package. The signed headers come
 * back lower-case; the request must then be sent with exactly these headers and this body. */
import aws4 from 'aws4';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignInput {
  /** The final URL; its path must already be percent-encoded the way it will be sent. */
  readonly url: URL;
  readonly region: string;
  readonly body: string;
  /** Headers to send and sign (lower-case names), e.g. content-type. */
  readonly headers: Readonly<Record<string, string>>;
  readonly credentials: AwsCredentials;
  readonly now: Date;
}

/** `20240102T030405Z`: the X-Amz-Date form of a date. */
export function amzDate(d: Date): string {
  return d.toISOString().replace(/[:-]|\.\d{3}/g, '');
}

/**
 * Bedrock's runtime host is `bedrock-runtime.<region>…` but its signing name is `bedrock`, so the
 * service is set rather than guessed from the host. `content-length` is left unsigned: the HTTP
 * client computes it, and signing it would tie the signature to a header we do not send.
 */
export function signBedrock(input: SignInput): Record<string, string> {
  const headers: Record<string, string> = { ...input.headers, host: input.url.host, 'x-amz-date': amzDate(input.now) };
  const request = {
    host: input.url.host,
    path: input.url.pathname + input.url.search,
    method: 'POST',
    service: 'bedrock',
    region: input.region,
    body: input.body,
    headers,
    extraHeadersToIgnore: { 'content-length': true },
  };
  const credentials = {
    accessKeyId: input.credentials.accessKeyId,
    secretAccessKey: input.credentials.secretAccessKey,
    ...(input.credentials.sessionToken === undefined ? {} : { sessionToken: input.credentials.sessionToken }),
  };
  const signed = aws4.sign(request, credentials);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    const key = name.toLowerCase();
    // `host` and `content-length` are set by the HTTP client from the URL and the body.
    if (key === 'host' || key === 'content-length' || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}
