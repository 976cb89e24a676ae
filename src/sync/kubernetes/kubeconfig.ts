/** Finding the cluster the way kubectl does: `--kubeconfig`, else every file in `KUBECONFIG`
 * (merged, first wins), else `~/.kube/config`, else the in-cluster service account; then
 * `--context` picks the context and `--namespace` overrides the context's namespace. */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Environment } from '../secrets.ts';

export interface KubeConfigOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  /** Where KUBECONFIG, HOME and the in-cluster variables are read. @default process.env */
  readonly env?: Environment;
}

export interface ResolvedKubeConfig {
  readonly config: KubeConfig;
  readonly context: string;
  /** Where namespaced objects without a namespace go. */
  readonly namespace: string;
  /** Which file(s) it came from, for messages. */
  readonly source: string;
}

/** Thrown with a message fit to print; the CLI turns it into a diagnostic. */
export class KubeConfigError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

export function loadKubeConfig(options: KubeConfigOptions = {}): ResolvedKubeConfig {
  const env = options.env ?? process.env;
  const kc = new KubeConfig();
  const source = load(kc, options.kubeconfig, env);
  if (options.context !== undefined) {
    if (kc.getContextObject(options.context) === null) {
      const known = kc.getContexts().map((c) => c.name);
      throw new KubeConfigError(`no context "${options.context}" in ${source}`, known.length > 0 ? `contexts: ${known.join(', ')}` : 'the kubeconfig defines no contexts');
    }
    kc.setCurrentContext(options.context);
  }
  const context = kc.getCurrentContext();
  if (!context || kc.getCurrentCluster() === null) {
    throw new KubeConfigError(`${source} has no current context with a cluster`, 'pass --context, or run kubectl config use-context <name>');
  }
  const namespace = options.namespace ?? kc.getContextObject(context)?.namespace ?? 'default';
  return { config: kc, context, namespace, source };
}

function load(kc: KubeConfig, explicit: string | undefined, env: Environment): string {
  // The file being read, so a parse error names it (KUBECONFIG may list several).
  let reading = explicit;
  try {
    if (explicit !== undefined) {
      kc.loadFromFile(explicit);
      return explicit;
    }
    const files = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
    if (files.length > 0) {
      reading = files[0]!;
      kc.loadFromFile(reading);
      for (const f of files.slice(1)) mergeFirstWins(kc, (reading = f));
      return `KUBECONFIG (${files.join(delimiter)})`;
    }
    const home = env.HOME ?? env.USERPROFILE;
    const file = home === undefined ? undefined : join(home, '.kube', 'config');
    if (file !== undefined && existsSync(file)) {
      kc.loadFromFile((reading = file));
      return file;
    }
    if (env.KUBERNETES_SERVICE_HOST !== undefined) {
      reading = 'the in-cluster service account';
      kc.loadFromCluster();
      return 'the in-cluster service account';
    }
  } catch (e) {
    throw new KubeConfigError(`could not read the kubeconfig${reading === undefined ? '' : ` (${reading})`}: ${e instanceof Error ? e.message : String(e)}`, 'check the file given by --kubeconfig or KUBECONFIG');
  }
  throw new KubeConfigError('no kubeconfig found', 'pass --kubeconfig <file>, set KUBECONFIG, or create ~/.kube/config');
}

/** kubectl's merge: the first file to name a cluster, user, context or current context wins. */
function mergeFirstWins(kc: KubeConfig, file: string): void {
  const next = new KubeConfig();
  next.loadFromFile(file);
  for (const c of next.clusters) if (!kc.clusters.some((x) => x.name === c.name)) kc.addCluster(c);
  for (const u of next.users) if (!kc.users.some((x) => x.name === u.name)) kc.addUser(u);
  for (const c of next.contexts) if (!kc.contexts.some((x) => x.name === c.name)) kc.addContext(c);
  if (!kc.getCurrentContext() && next.getCurrentContext()) kc.setCurrentContext(next.getCurrentContext());
}
