/** How a secret reference becomes text in the decK file: a Kong vault reference in referenceable
 * fields, decK's own env substitution for key-auth keys. Never a secret value. */
import type { PathSegment } from '../../src/diagnostics/index.ts';
import type { SecretRef } from '../../src/model/index.ts';
import type { EmitContext } from './context.ts';

/** `prefix` of the vault entities this target writes (see vaults.ts). */
export const HCV_PREFIX = 'aigate-hcv';
export const AZURE_PREFIX = 'aigate-azure';

const INLINE_MESSAGE = 'inline secrets are only for local testing on the reference proxy';
const INLINE_HINT = 'reference the secret instead, e.g. an environment variable or a vault';

// Kong's env vault upper-cases the reference and turns `-` into `_`, so only names already in
// that shape can be reached.
const KONG_ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * The value for a field Kong marks referenceable (`x-referenceable` in the plugin schemas): a
 * vault reference as the whole value, which Kong resolves on the gateway. `undefined` (and a
 * diagnostic) when the secret cannot be written that way.
 */
export function vaultReference(ctx: EmitContext, ref: SecretRef, at: readonly PathSegment[]): string | undefined {
  switch (ref.kind) {
    case 'env':
      if (!KONG_ENV_NAME.test(ref.name)) {
        ctx.report(
          'unsupported_by_target',
          at,
          `Kong's env vault cannot read "${ref.name}": it looks variables up upper-cased`,
          `rename the variable to ${ref.name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`,
        );
        return undefined;
      }
      ctx.kongEnv.add(ref.name);
      return `{vault://env/${ref.name.toLowerCase().replaceAll('_', '-')}}`;
    case 'hashicorp':
      if (ctx.model.vaults.hashicorp === undefined) {
        ctx.report('missing_required', at, 'a HashiCorp Vault secret needs vaults.hashicorp', 'configure vaults.hashicorp (host, mount, auth)');
        return undefined;
      }
      return `{vault://${HCV_PREFIX}/${trimSlashes(ref.path)}/${ref.key}}`;
    case 'aws': {
      // Kong reads the last path segment as a key inside the secret, unless the reference ends in
      // `/`; AWS secret names may contain `/`, so a keyless name gets the trailing slash.
      const key = ref.key !== undefined ? `/${ref.key}` : ref.name.includes('/') ? '/' : '';
      const region = ref.region === undefined ? '' : `?region=${encodeURIComponent(ref.region)}`;
      return `{vault://aws/${ref.name}${key}${region}}`;
    }
    case 'gcp':
      return `{vault://gcp/${ref.name}?project_id=${encodeURIComponent(ref.project)}}`;
    case 'azure':
      if (ctx.model.vaults.azure === undefined) {
        ctx.report('missing_required', at, 'an Azure Key Vault secret needs vaults.azure', 'configure vaults.azure (vaultUri, tenantId, clientId)');
        return undefined;
      }
      return `{vault://${AZURE_PREFIX}/${ref.name}}`;
    case 'inline':
      ctx.report('unsupported_by_target', at, INLINE_MESSAGE, INLINE_HINT);
      return undefined;
  }
}

/**
 * The value of a key-auth credential's `key`. Kong does not resolve vault references there (the
 * field is not referenceable; a reference would become the literal key), so an env secret goes
 * through decK's load-time substitution, which only reads `DECK_`-prefixed variables.
 */
export function credentialKey(ctx: EmitContext, ref: SecretRef, at: readonly PathSegment[]): string | undefined {
  switch (ref.kind) {
    case 'env': {
      const name = ref.name.startsWith('DECK_') ? ref.name : `DECK_${ref.name}`;
      ctx.deckEnv.add(name);
      return `\${{ env "${name}" }}`;
    }
    case 'inline':
      ctx.report('unsupported_by_target', at, INLINE_MESSAGE, INLINE_HINT);
      return undefined;
    case 'hashicorp':
    case 'aws':
    case 'gcp':
    case 'azure':
      ctx.report(
        'unsupported_by_target',
        at,
        `Kong cannot resolve a ${ref.kind} secret in a key-auth credential: its key field takes no vault reference`,
        'give the key as an env secret; decK substitutes it when it loads the file (as DECK_<NAME>)',
      );
      return undefined;
  }
}

function trimSlashes(s: string): string {
  return s.replace(/^\/+|\/+$/g, '');
}
