/** Credential Secrets a target needs but never writes into its manifests, and reading their
 * values at apply time. Only `env` references can be read here; any other kind is an error that
 * names the reference, so the user knows which Secret to create by other means. */
import { describeSecret, type SecretRef } from '../model/index.ts';
import type { PathSegment } from '../diagnostics/index.ts';

/** One key of a Secret and where its value comes from. */
export interface SecretEntry {
  readonly key: string;
  readonly ref: SecretRef;
  /** Where in the config the reference is, for errors. */
  readonly path: readonly PathSegment[];
  /** The consumer of the value wants the bare key, not an `Authorization` header value. */
  readonly stripBearer?: boolean;
}

/** A Secret a target's objects name; `aigate sync --apply-secrets` creates or updates it. */
export interface CredentialSecret {
  readonly name: string;
  /** Unset: the namespace the sync runs in. */
  readonly namespace?: string;
  /** Besides aigate's ownership labels, which the adapter adds. */
  readonly labels: Readonly<Record<string, string>>;
  readonly entries: readonly SecretEntry[];
}

export type Environment = Readonly<Record<string, string | undefined>>;

export type SecretRead = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string; readonly hint: string };

export function readSecret(ref: SecretRef, env: Environment, secretName: string): SecretRead {
  switch (ref.kind) {
    case 'env': {
      const value = env[ref.name];
      if (value === undefined || value === '') {
        return { ok: false, message: `the environment variable ${ref.name} is not set, so Secret "${secretName}" cannot be filled`, hint: `export ${ref.name} before running aigate sync --apply-secrets` };
      }
      return { ok: true, value };
    }
    case 'inline':
      // The targets refuse inline credentials before a sync gets here; refusing again costs nothing.
      return { ok: false, message: `an inline secret cannot be applied to Secret "${secretName}"`, hint: 'use secret.env(...)' };
    case 'hashicorp':
    case 'aws':
    case 'gcp':
    case 'azure':
      return {
        ok: false,
        message: `aigate sync --apply-secrets reads env secrets only, and Secret "${secretName}" needs ${describeSecret(ref)}`,
        hint: `create Secret "${secretName}" from ${describeSecret(ref)} yourself (or with your secret operator), or use secret.env(...) and run without --apply-secrets`,
      };
  }
}

/** A header value such as `Bearer sk-…` reduced to the key a controller prefixes itself. */
export function stripBearer(value: string): string {
  return value.replace(/^Bearer\s+/i, '');
}
