/** Which providers an AIGateway can carry and the credential each takes from the Secret. The
 * controller only knows a provider name and a key (kgo FACTS §2): it sends the key in a fixed
 * header and sets no provider options, so everything else a provider says is reported. */
import { reportInline } from '../../src/emit/kong/index.ts';
import type { Provider } from '../../src/model/index.ts';
import type { CloudProviderName } from './ai-gateway-types.ts';
import type { OperatorContext } from './context.ts';

/** The header the controller sends the key in, per provider it can express. */
export const AUTH_HEADER: Readonly<Partial<Record<Provider['kind'], string>>> = {
  openai: 'Authorization',
  cohere: 'Authorization',
};

// Kong's ai-proxy requires these options for azure and mistral (kong FACTS §1.1 entity checks);
// the controller never writes them, so Kong would refuse the plugins it creates.
const KONG_REFUSES: Readonly<Partial<Record<Provider['kind'], string>>> = {
  azure: 'the AIGateway controller writes no Azure instance, API version or deployment, which Kong requires for azure models, so Kong would refuse the plugin it creates',
  mistral: 'the AIGateway controller writes no mistral_format, which Kong requires for mistral models, so Kong would refuse the plugin it creates',
};

/** The AIGateway provider name for a provider it can express, after reporting what it cannot. */
export function cloudProvider(ctx: OperatorContext, p: Provider): CloudProviderName | undefined {
  const at = ['providers', p.name];
  const refused = KONG_REFUSES[p.kind];
  const header = AUTH_HEADER[p.kind];
  if (refused !== undefined) ctx.cannot([...at, 'kind'], refused);
  else if (header === undefined) ctx.cannot([...at, 'kind'], `an AIGateway knows only openai, azure, cohere and mistral providers, not "${p.kind}"`);
  if (p.upstreamUrl !== undefined) ctx.cannot([...at, 'url'], 'an AIGateway always calls the provider’s public endpoint; it cannot take a URL');
  if (p.allowAuthOverride) ctx.cannot([...at, 'allowAuthOverride'], 'an AIGateway cannot let clients send their own provider credentials');
  if (header === undefined || refused !== undefined) {
    // The kind is already refused; say so for managed identity too, the one auth that is a feature of its own.
    if (p.auth?.kind === 'azure-managed-identity') ctx.cannot([...at, 'auth'], 'an AIGateway cannot use Azure managed identity; its controller only sends a key');
    return undefined;
  }
  credential(ctx, p, header);
  return p.kind as CloudProviderName;
}

function credential(ctx: OperatorContext, p: Provider, header: string): void {
  const at = ['providers', p.name, 'auth'];
  const a = p.auth;
  if (a === undefined) {
    ctx.cannot(at, 'the AIGateway controller always sends a key from its credentials Secret, so a provider without auth cannot be expressed');
    return;
  }
  if (a.kind !== 'header') {
    ctx.cannot(at, `the AIGateway controller sends the key in the ${header} header only`);
    return;
  }
  if (a.name.toLowerCase() !== header.toLowerCase()) {
    ctx.cannot([...at, 'header'], `the AIGateway controller sends a ${p.kind} key in the ${header} header, not ${a.name}`);
  }
  if (a.value.kind === 'inline') {
    reportInline(ctx, [...at, 'value']);
    return;
  }
  const key = p.kind as CloudProviderName;
  const taken = ctx.credentials.get(key);
  if (taken === undefined) ctx.credentials.set(key, { key, provider: p.name, ref: a.value, path: [...at, 'value'] });
  else if (JSON.stringify(taken.ref) !== JSON.stringify(a.value)) {
    ctx.cannot([...at, 'value'], `the credentials Secret holds one key per provider kind, and "${key}" already comes from provider "${taken.provider}"`);
  }
}
