/** The aigate command line: argument parsing and exit codes. The composition root. */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT } from './exit.ts';
import { addLiveCommands } from './live-commands.ts';
import { addTestCommands } from './test-commands.ts';

const DEFAULT_CONFIG = './gateway.config.ts';
const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return n;
};
// Commands are imported when they run, not at start: each pulls in its own part of aigate
// (targets, the proxy, Kubernetes clients), and `aigate compile` should not pay for `serve`.
const compileCommand: typeof import('./commands/compile.ts').compileCommand = async (...a) => (await import('./commands/compile.ts')).compileCommand(...a);
const validateCommand: typeof import('./commands/validate.ts').validateCommand = async (...a) => (await import('./commands/validate.ts')).validateCommand(...a);
const serveCommand: typeof import('./commands/serve.ts').serveCommand = async (...a) => (await import('./commands/serve.ts')).serveCommand(...a);
const schemaCommand = async () => (await import('./commands/schema.ts')).schemaCommand();
const targetsCommand = async () => (await import('./commands/targets.ts')).targetsCommand();
const TARGET_HINT = 'a target id (aigate targets lists them)';

const formatOption = () => new Option('--format <format>', 'output format for diagnostics').choices(['text', 'json']).default('text');

export function buildProgram(run: (code: Promise<number> | number) => void): Command {
  const program = new Command('aigate')
    .description('One typed config for your AI gateway: validate it, test it, compile it to Kong, run it.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('validate')
    .description('check a config and report every problem at once')
    .argument('[config]', 'config file (.ts, .mts, .js, .mjs, .json, .yaml)', DEFAULT_CONFIG)
    .option('-t, --target <id...>', `also check what these targets can express: ${TARGET_HINT}`, [])
    .option('-e, --env <name>', 'apply the overrides of this environment first')
    .addOption(formatOption())
    .action((config: string, o: { target: string[]; env?: string; format: 'text' | 'json' }) =>
      run(validateCommand(config, { targets: o.target, format: o.format, ...(o.env !== undefined && { env: o.env }) })),
    );

  program
    .command('compile')
    .description('compile a config for a target and write its files')
    .argument('[config]', 'config file', DEFAULT_CONFIG)
    .requiredOption('-t, --target <id>', TARGET_HINT)
    .option('-o, --out <file>', 'output file (or directory, ending in /); "-" for stdout. Default: the target\'s file name in the current directory')
    .option('--check', 'write nothing; exit 1 if the output on disk is stale', false)
    .option('-e, --env <name>', 'apply the overrides of this environment first')
    .addOption(formatOption())
    .action((config: string, o: { target: string; out?: string; check: boolean; env?: string; format: 'text' | 'json' }) =>
      run(
        compileCommand(config, {
          target: o.target,
          check: o.check,
          format: o.format,
          ...(o.out !== undefined && { out: o.out }),
          ...(o.env !== undefined && { env: o.env }),
        }),
      ),
    );

  program
    .command('targets')
    .description('list the targets aigate compiles to')
    .action(() => run(targetsCommand()));

  program
    .command('schema')
    .description('print the JSON Schema of the config (for YAML/JSON configs and editors)')
    .action(() => run(schemaCommand()));

  program
    .command('serve')
    .description('run the reference proxy on a config or a compiled bundle (with --mock: against the mock providers, offline)')
    .argument('[config]', 'config file, or a reference bundle (.json)', DEFAULT_CONFIG)
    .option('-p, --port <port>', 'proxy port', port, 8000)
    .option('--host <host>', 'proxy address', '127.0.0.1')
    .option('--mock', 'start the mock providers and send every provider request to them', false)
    .option('--admin-port <port>', 'admin port (always on 127.0.0.1)', port, 8001)
    .option('--admin-token <token>', 'admin bearer token (default: generated and printed once)')
    .option('--log <where>', 'request logs: none, stderr, or a file to append to', 'stderr')
    .action((config: string, o: { port: number; host: string; mock: boolean; adminPort: number; adminToken?: string; log: string }) =>
      run(serveCommand(config, { port: o.port, host: o.host, mock: o.mock, adminPort: o.adminPort, log: o.log, ...(o.adminToken !== undefined && { adminToken: o.adminToken }) })),
    );

  addLiveCommands(program, run, DEFAULT_CONFIG);
  addTestCommands(program, run, DEFAULT_CONFIG);

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  let pending: Promise<number> | number = EXIT.ok;
  const program = buildProgram((code) => {
    pending = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are not errors; everything else commander rejects is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    throw e;
  }
  return pending;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
