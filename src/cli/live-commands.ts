/** The `diff` and `sync` commands' arguments (kept here so main.ts only registers them). */
import { Option, type Command } from 'commander';
import type { LiveOptions } from './live.ts';

// Loaded when the command runs: these pull in the Kubernetes client and every target.
const diffCommand: typeof import('./commands/diff.ts').diffCommand = async (...a) => (await import('./commands/diff.ts')).diffCommand(...a);
const syncCommand: typeof import('./commands/sync.ts').syncCommand = async (...a) => (await import('./commands/sync.ts')).syncCommand(...a);

interface Parsed {
  target: string;
  env?: string;
  context?: string;
  namespace?: string;
  kubeconfig?: string;
  kongAdminUrl?: string;
  adminUrl?: string;
  adminToken?: string;
  format: 'text' | 'json';
  applySecrets: boolean;
  forceConflicts: boolean;
  prune: boolean;
  dryRun?: boolean;
}


function liveOptions(command: Command): Command {
  return command
    .requiredOption('-t, --target <id>', 'target: kong-ingress, kong-operator, deck (with --kong-admin-url) or reference (with --admin-url)')
    .option('-e, --env <name>', 'apply the overrides of this environment first')
    .option('--context <name>', 'Kubernetes: the kubeconfig context (default: its current context)')
    .option('-n, --namespace <name>', "Kubernetes: namespace for objects that name none (default: the context's, else default)")
    .option('--kubeconfig <file>', 'Kubernetes: kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
    .option('--kong-admin-url <url>', 'deck: the Admin API of a DB-less Kong, e.g. http://localhost:8001')
    .option('--admin-url <url>', "reference: the proxy's admin listener, as aigate serve prints it")
    .option('--admin-token <token>', 'reference: the admin bearer token (default: $AIGATE_ADMIN_TOKEN)')
    .option('--apply-secrets', 'Kubernetes: also create or update the credential Secrets, with values from their env references', false)
    .option('--force-conflicts', 'Kubernetes: take over fields another field manager owns (otherwise a conflict is an error)', false)
    .option('--prune', 'delete live objects carrying aigate labels or tags that the config no longer has (the default)', true)
    .option('--no-prune', 'keep them')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
}

function toLive(o: Parsed): LiveOptions {
  const optional = (['env', 'context', 'namespace', 'kubeconfig', 'kongAdminUrl', 'adminUrl', 'adminToken'] as const).filter((k) => o[k] !== undefined);
  return {
    target: o.target,
    applySecrets: o.applySecrets,
    forceConflicts: o.forceConflicts,
    prune: o.prune,
    ...Object.fromEntries(optional.map((k) => [k, o[k]])),
  };
}

export function addLiveCommands(program: Command, run: (code: Promise<number> | number) => void, defaultConfig: string): void {
  liveOptions(
    program
      .command('diff')
      .description('show what sync would change in the live system (exit 0: none, 1: changes, 2: error)')
      .argument('[config]', 'config file', defaultConfig),
  ).action((config: string, o: Parsed) => run(diffCommand(config, { ...toLive(o), format: o.format })));

  liveOptions(
    program
      .command('sync')
      .description('make the live system match the config: server-side apply, DB-less /config, or a proxy hot reload')
      .argument('[config]', 'config file', defaultConfig)
      .option('--dry-run', 'ask the server to check every change, persist nothing', false),
  ).action((config: string, o: Parsed) => run(syncCommand(config, { ...toLive(o), dryRun: o.dryRun ?? false, format: o.format })));
}
