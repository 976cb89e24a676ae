/** How aigate marks what it owns: Kong tags and Kubernetes labels, derived from the gateway name. */

export const MANAGED_BY_TAG = 'managed-by:aigate';

export function gatewayTag(gateway: string): string {
  return `aigate-gateway:${gateway}`;
}

/** Tags on every Kong entity aigate writes; also decK's `select_tags`. */
export function ownershipTags(gateway: string): string[] {
  return [MANAGED_BY_TAG, gatewayTag(gateway)];
}

export function ownershipLabels(gateway: string): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'aigate', 'aigate.dev/gateway': gateway };
}
