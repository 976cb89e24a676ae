/** The commands that run tests: `aigate test` (the tests in a config, on the reference proxy) and
 * `aigate conformance` (the shared suite, on the reference proxy, Portkey or a gateway at a URL).
 * Registered from main.ts; each command module is imported only when it runs. */
import { InvalidArgumentError, type Command } from 'commander';

const testCommand: typeof import('./commands/test.ts').testCommand = async (...a) => (await import('./commands/test.ts')).testCommand(...a);
const conformanceCommand: typeof import('./commands/conformance.ts').conformanceCommand = async (...a) => (await import('./commands/conformance.ts')).conformanceCommand(...a);

const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return n;
};

export function addTestCommands(program: Command, run: (code: Promise<number> | number) => void, defaultConfig: string): void {
  program
    .command('test')
    .description("run the tests written in the config on the reference proxy, against the mock providers (exit 1 when one fails)")
    .argument('[config]', 'config file', defaultConfig)
    .option('-e, --env <name>', 'apply the overrides of this environment first')
    .option('--tap', 'print TAP version 13 instead of the human report', false)
    .option('--junit <file>', 'also write a JUnit XML report to this file')
    .option('--filter <text>', 'run only the tests whose name contains this text')
    .action((config: string, o: { env?: string; tap: boolean; junit?: string; filter?: string }) =>
      run(
        testCommand(config, {
          tap: o.tap,
          ...(o.env !== undefined && { env: o.env }),
          ...(o.junit !== undefined && { junit: o.junit }),
          ...(o.filter !== undefined && { filter: o.filter }),
        }),
      ),
    );

  program
    .command('conformance')
    .description('run the conformance suite against a gateway: reference, portkey, or the URL of a Kong you run')
    .requiredOption('-g, --gateway <gateway>', 'reference, portkey, or http(s)://host:port of a running gateway')
    .option('--report <dir>', 'write <gateway>.md and <gateway>.json to this directory')
    .option('--cases <dir>', 'the case files (default: the suite shipped in test/conformance/cases)')
    .option('--filter <text>', 'run only the cases whose name contains this text')
    .option('--mock-host <host>', 'with a URL: address the mock providers listen on, reachable from that gateway', '127.0.0.1')
    .option('--mock-port <port>', 'with a URL: port of the mock providers', port, 0)
    .option('--advertise <host>', 'with a URL: host name the gateway uses to reach the mocks (default: --mock-host)')
    .option('--deck-out <file>', 'with a URL: where to write the decK file the gateway must load', 'aigate-conformance.deck.yaml')
    .option('--wait', 'with a URL: wait for Enter after writing the decK file (default: start when the gateway answers)', false)
    .action(
      (o: { gateway: string; report?: string; cases?: string; filter?: string; mockHost: string; mockPort: number; advertise?: string; deckOut: string; wait: boolean }) =>
        run(
          conformanceCommand({
            gateway: o.gateway,
            mockHost: o.mockHost,
            mockPort: o.mockPort,
            deckOut: o.deckOut,
            wait: o.wait,
            ...(o.report !== undefined && { report: o.report }),
            ...(o.cases !== undefined && { cases: o.cases }),
            ...(o.filter !== undefined && { filter: o.filter }),
            ...(o.advertise !== undefined && { advertise: o.advertise }),
          }),
        ),
    );
}
