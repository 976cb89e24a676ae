/** What in Kong's output needs Kong Gateway Enterprise: plugins with no open-source edition and
 * vault backends other than env, aws and gcp (FACTS §1 and §2.11). Targets list it in their header. */

export const ENTERPRISE_PLUGINS: ReadonlySet<string> = new Set(['ai-proxy-advanced', 'ai-rate-limiting-advanced', 'ai-semantic-cache', 'ai-semantic-prompt-guard']);

/** Vault entity names (Kong's vault backends) that only Enterprise ships. */
export const ENTERPRISE_VAULTS: ReadonlySet<string> = new Set(['hcv', 'azure']);

/** Header lines naming the Enterprise-only plugins and vaults used, in the order given; none when
 * the output runs on the open-source edition. */
export function enterpriseLines(plugins: Iterable<string>, vaults: Iterable<string>): string[] {
  const p = [...new Set([...plugins].filter((n) => ENTERPRISE_PLUGINS.has(n)))];
  const v = [...new Set([...vaults].filter((n) => ENTERPRISE_VAULTS.has(n)))];
  const lines: string[] = [];
  if (p.length > 0) lines.push(`Kong Gateway Enterprise is required for these plugins: ${p.join(', ')}`);
  if (v.length > 0) lines.push(`Kong Gateway Enterprise is required for these vaults: ${v.join(', ')}`);
  return lines;
}
