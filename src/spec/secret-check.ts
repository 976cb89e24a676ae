/** Finds every secret in a parsed config and checks it is a well-formed reference. */
import { error, type Diagnostic, type PathSegment } from '../diagnostics/index.ts';
import type { GatewayConfigOutput } from './gateway.ts';
import type { SecretOutput } from './secret.ts';

export interface SecretSite {
  readonly path: readonly PathSegment[];
  readonly secret: SecretOutput;
}

/** Every place a secret appears, in config order. */
export function secretSites(c: GatewayConfigOutput): SecretSite[] {
  const sites: SecretSite[] = [];
  const add = (path: PathSegment[], secret: SecretOutput | undefined | true) => {
    if (secret !== undefined && secret !== true) sites.push({ path, secret });
  };
  for (const [name, p] of Object.entries(c.providers ?? {})) {
    const a = p.auth;
    if (!a) continue;
    const at = ['providers', name, 'auth'];
    add([...at, 'value'], a.value);
    if (a.aws) {
      add([...at, 'aws', 'accessKeyId'], a.aws.accessKeyId);
      add([...at, 'aws', 'secretAccessKey'], a.aws.secretAccessKey);
    }
    add([...at, 'gcpServiceAccount'], a.gcpServiceAccount);
    if (a.azureManagedIdentity && a.azureManagedIdentity !== true) add([...at, 'azureManagedIdentity', 'clientSecret'], a.azureManagedIdentity.clientSecret);
  }
  for (const [name, consumer] of Object.entries(c.consumers ?? {})) {
    consumer.keys.forEach((k, i) => add(['consumers', name, 'keys', i], k));
  }
  add(['vaults', 'hashicorp', 'token'], c.vaults?.hashicorp?.token);
  add(['redis', 'password'], c.redis?.password);
  const scopes: [PathSegment[], { observability?: { opentelemetry?: { headers: Record<string, SecretOutput> } | undefined } | undefined } | undefined][] = [
    [['policies'], c.policies],
    ...Object.entries(c.presets ?? {}).map(([n, p]): [PathSegment[], typeof p] => [['presets', n], p]),
    ...Object.entries(c.routes ?? {}).map(([n, r]): [PathSegment[], typeof r.policies] => [['routes', n, 'policies'], r.policies]),
    ...Object.entries(c.consumers ?? {}).map(([n, u]): [PathSegment[], typeof u.policies] => [['consumers', n, 'policies'], u.policies]),
    ...Object.entries(c.consumerGroups ?? {}).map(([n, g]): [PathSegment[], typeof g.policies] => [['consumerGroups', n, 'policies'], g.policies]),
  ];
  for (const [at, p] of scopes) {
    for (const [h, v] of Object.entries(p?.observability?.opentelemetry?.headers ?? {})) add([...at, 'observability', 'opentelemetry', 'headers', h], v);
  }
  return sites;
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

export function checkSecret(site: SecretSite, c: GatewayConfigOutput): Diagnostic[] {
  const { path, secret } = site;
  if (typeof secret === 'string' || (secret.value !== undefined && Object.keys(secret).length === 1)) {
    if (c.allowInlineSecrets) return [];
    return [
      error(
        'secret_inline',
        path,
        'a secret is written into the config',
        'reference it instead, e.g. { env: "OPENAI_API_KEY" }; for local tests only, set allowInlineSecrets: true',
      ),
    ];
  }
  const kinds = Object.keys(secret).filter((k) => (secret as Record<string, unknown>)[k] !== undefined);
  if (kinds.length !== 1) {
    return [
      error(
        'secret_reference_invalid',
        path,
        kinds.length === 0 ? 'a secret reference names no source' : `a secret reference names several sources (${kinds.join(', ')})`,
        'use exactly one of env, hashicorp, aws, gcp, azure',
      ),
    ];
  }
  if (secret.env !== undefined && !ENV_NAME.test(secret.env)) {
    return [
      error(
        'secret_reference_invalid',
        [...path, 'env'],
        `"${secret.env}" is not an environment variable name a gateway can read`,
        'use upper-case letters, digits and underscores (Kong\'s env vault upper-cases the name it looks up)',
      ),
    ];
  }
  if (secret.hashicorp && !c.vaults?.hashicorp) {
    return [error('unknown_reference', [...path, 'hashicorp'], 'a HashiCorp Vault secret is used but no vault is configured', 'add vaults.hashicorp with the Vault host')];
  }
  if (secret.azure && !c.vaults?.azure) {
    return [error('unknown_reference', [...path, 'azure'], 'an Azure Key Vault secret is used but no vault is configured', 'add vaults.azure with the vault URI')];
  }
  return [];
}

/** A stable identity for a reference, to spot two consumers sharing one key. */
export function secretIdentity(secret: SecretOutput): string {
  return typeof secret === 'string' ? `inline:${secret}` : JSON.stringify(secret);
}
