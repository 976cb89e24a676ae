/** A secret as the user wrote it → a model secret reference. */
import type { SecretRef } from '../model/index.ts';
import type { SecretOutput } from '../spec/index.ts';

export function toSecretRef(s: SecretOutput): SecretRef {
  if (typeof s === 'string') return { kind: 'inline', value: s };
  if (s.env !== undefined) return { kind: 'env', name: s.env };
  if (s.hashicorp) return { kind: 'hashicorp', path: s.hashicorp.path, key: s.hashicorp.key };
  if (s.aws) return { kind: 'aws', name: s.aws.name, ...(s.aws.key && { key: s.aws.key }), ...(s.aws.region && { region: s.aws.region }) };
  if (s.gcp) return { kind: 'gcp', name: s.gcp.name, project: s.gcp.project };
  if (s.azure) return { kind: 'azure', name: s.azure.name };
  return { kind: 'inline', value: s.value ?? '' };
}
