/** What a Kubernetes object is compared as: the server's bookkeeping (managedFields, resource
 * version, uid, timestamps, generation, status) stripped from both sides. Server defaults need no
 * special case: the desired side is the server's own dry-run answer, so it carries them too. */
import { isRecord } from '../equal.ts';
import type { SecretFields } from '../mask.ts';

const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
// Written by client-side kubectl apply; not part of what the config says.
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function normaliseKubernetes(_kind: string, value: unknown): unknown {
  if (!isRecord(value)) return value;
  const { status: _status, ...rest } = value;
  const metadata = isRecord(rest.metadata) ? { ...rest.metadata } : undefined;
  if (metadata) {
    for (const k of SERVER_METADATA) delete metadata[k];
    if (isRecord(metadata.annotations)) {
      const { [LAST_APPLIED]: _last, ...annotations } = metadata.annotations;
      if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
      else delete metadata.annotations;
    }
    if (isRecord(metadata.labels) && Object.keys(metadata.labels).length === 0) delete metadata.labels;
  }
  return metadata ? { ...rest, metadata } : rest;
}

/** A Secret's values are never shown; `kubectl diff` masks the same fields. */
export const KUBERNETES_SECRET_FIELDS: SecretFields = { Secret: [['data', '*'], ['stringData', '*']] };
