/** Kong vault entities for the vault backends the config declares (HashiCorp, Azure), in Kong's
 * field names; the target decides how to write them (decK `vaults:`, a KongVault resource). */
import type { KongContext } from './context.ts';
import type { KongVaultEntity } from './plugin-types.ts';
import { AZURE_PREFIX, HCV_PREFIX, vaultReference } from './secrets.ts';

export function vaultEntities(ctx: KongContext): KongVaultEntity[] {
  const out: KongVaultEntity[] = [];
  const hcv = hashicorpVault(ctx);
  if (hcv) out.push(hcv);
  const azure = ctx.model.vaults.azure;
  if (azure) {
    out.push({
      name: 'azure',
      prefix: AZURE_PREFIX,
      description: 'Azure Key Vault, written by aigate',
      config: { vault_uri: azure.vaultUri, tenant_id: azure.tenantId, client_id: azure.clientId, location: azure.location },
    });
  }
  return out;
}

// Config field names follow Kong's hcv vault schema (`kong/vaults/hcv/schema.lua`, Enterprise).
function hashicorpVault(ctx: KongContext): KongVaultEntity | undefined {
  const hcv = ctx.model.vaults.hashicorp;
  if (!hcv) return undefined;
  const at = ['vaults', 'hashicorp'];
  let token: string | undefined;
  switch (hcv.authMethod) {
    case 'token':
      if (hcv.token === undefined) ctx.report('missing_required', [...at, 'token'], 'token authentication needs a token', 'set vaults.hashicorp.token to an env secret');
      else if (hcv.token.kind !== 'env' && hcv.token.kind !== 'inline')
        // The token unlocks the other vaults, so it has to come from the node's environment.
        ctx.report('unsupported_by_target', [...at, 'token'], `the Vault token cannot itself be a ${hcv.token.kind} secret`, 'give it as an env secret');
      else token = vaultReference(ctx, hcv.token, [...at, 'token']);
      break;
    case 'kubernetes':
      // Kong rejects a token alongside kubernetes auth; dropping it silently would hide a mistake.
      if (hcv.token !== undefined) ctx.report('conflicting_options', [...at, 'token'], 'kubernetes authentication takes no token', 'remove vaults.hashicorp.token');
      break;
    case 'approle':
      ctx.report(
        'unsupported_by_target',
        [...at, 'authMethod'],
        'AppRole authentication needs a role id and secret id, which the config cannot carry yet',
        'use token or kubernetes authentication',
      );
      break;
  }
  return {
    name: 'hcv',
    prefix: HCV_PREFIX,
    description: 'HashiCorp Vault, written by aigate',
    config: {
      protocol: hcv.protocol,
      host: hcv.host,
      port: hcv.port,
      mount: hcv.mount,
      kv: hcv.kv,
      auth_method: hcv.authMethod,
      token,
      kube_role: hcv.authMethod === 'kubernetes' ? hcv.kubernetesRole : undefined,
    },
  };
}
