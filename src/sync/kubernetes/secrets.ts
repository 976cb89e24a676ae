/** The credential Secrets `--apply-secrets` applies: values read from their sources at apply time,
 * put only into the request body (base64 `data`), registered with the redactor, never written to
 * disk. Each one carries aigate's ownership labels besides the ones its target asks for. */
import { error, resultOf, type Diagnostic, type Result } from '../../diagnostics/index.ts';
import { ownershipLabels } from '../../emit/index.ts';
import type { Redactor } from '../redact.ts';
import { readSecret, stripBearer, type CredentialSecret, type Environment } from '../secrets.ts';
import type { KubeObject } from './client.ts';

export function secretManifests(specs: readonly CredentialSecret[], gateway: string, env: Environment, redactor: Redactor): Result<KubeObject[]> {
  const diagnostics: Diagnostic[] = [];
  const manifests: KubeObject[] = [];
  for (const spec of specs) {
    const data: Record<string, string> = {};
    for (const entry of spec.entries) {
      const read = readSecret(entry.ref, env, spec.name);
      if (!read.ok) {
        diagnostics.push(error('secret_unavailable', entry.path, read.message, read.hint));
        continue;
      }
      const value = entry.stripBearer ? stripBearer(read.value) : read.value;
      redactor.add(read.value);
      redactor.add(value);
      data[entry.key] = Buffer.from(value).toString('base64');
    }
    manifests.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: spec.name, ...(spec.namespace !== undefined && { namespace: spec.namespace }), labels: { ...ownershipLabels(gateway), ...spec.labels } },
      type: 'Opaque',
      data,
    });
  }
  return resultOf(manifests, diagnostics);
}
