/** Kubernetes name rules (DNS-1123), for checking names the config supplies before they become
 * object names or paths. Names aigate derives itself come from `dnsLabel` and always pass. */

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: ≤63 characters of a-z, 0-9 and `-`, alphanumeric at both ends. */
export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && LABEL.test(s);
}

/** A DNS-1123 subdomain (most object names): ≤253 characters, dot-separated labels. */
export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && s.split('.').every((part) => LABEL.test(part));
}
