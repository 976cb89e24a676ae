/** How a secret reference becomes text in a field Kong resolves: a Kong vault reference, never a
 * value. Every Kong target writes provider credentials this way. */
import type { PathSegment } from '../../diagnostics/index.ts';
import type { SecretRef } from '../../model/index.ts';
import type { KongContext } from './context.ts';

/** `prefix` of the vault entities Kong targets declare (see vaults.ts). */
export const HCV_PREFIX = 'aigate-hcv';
export const AZURE_PREFIX = 'aigate-azure';

const INLINE_MESSAGE = 'inline secrets are only for local testing on the reference proxy';
const INLINE_HINT = 'reference the secret instead, e.g. an environment variable or a vault';

// Kong's env vault upper-cases the reference and turns `-` into `_`, so only names already in
// that shape can be reached.
const KONG_ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Reports an inline secret where a Kong target would have to write it into a file. */
export function reportInline(ctx: KongContext, at: readonly PathSegment[]): void {
  ctx.report('unsupported_by_target', at, INLINE_MESSAGE, INLINE_HINT);
}

/**
 * The value for a field Kong marks referenceable (`x-referenceable` in the plugin schemas): a
 * vault reference as the whole value, which Kong resolves on the gateway. `undefined` (and a
 * diagnostic) when the secret cannot be written that way.
 */
export function vaultReference(ctx: KongContext, ref: SecretRef, at: readonly PathSegment[]): string | undefined {
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
      if (!declaredVaults(ctx, at, 'HashiCorp Vault')) return undefined;
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
      if (!declaredVaults(ctx, at, 'Azure Key Vault')) return undefined;
      if (ctx.model.vaults.azure === undefined) {
        ctx.report('missing_required', at, 'an Azure Key Vault secret needs vaults.azure', 'configure vaults.azure (vaultUri, tenantId, clientId)');
        return undefined;
      }
      return `{vault://${AZURE_PREFIX}/${ref.name}}`;
    case 'inline':
      reportInline(ctx, at);
      return undefined;
  }
}

// Kong resolves env, aws and gcp references with built-in vaults configured on the nodes; HashiCorp
// and Azure need a vault entity, which not every output format can declare.
function declaredVaults(ctx: KongContext, at: readonly PathSegment[], backend: string): boolean {
  if (ctx.vaults.declared) return true;
  ctx.report('unsupported_by_target', at, `the ${ctx.target} target cannot declare the Kong vault a ${backend} secret needs`, ctx.vaults.hint);
  return false;
}

function trimSlashes(s: string): string {
  return s.replace(/^\/+|\/+$/g, '');
}
