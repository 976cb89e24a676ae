/** `aigate conformance --gateway <reference|portkey|URL>`: runs the shared conformance suite (the
 * case files in test/conformance/cases, or `--cases DIR`) against a gateway. Every case whose
 * features the gateway declares runs; the rest are skipped with the reason. With `--report DIR`
 * it writes `<gateway>.md` and `<gateway>.json` there (deterministic, for committing).
 *
 * Exit codes: 0 when every case that ran passed or failed for a difference the case already
 * explains (`known.<gateway>.note`), 1 when a case failed unexplained, 2 for usage errors. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { emitTarget } from '../../compile/index.ts';
import { error, type Diagnostic } from '../../diagnostics/index.ts';
import type { Feature } from '../../model/index.ts';
import {
  describeFailures,
  loadCases,
  portkeyGateway,
  referenceGateway,
  renderReport,
  runConformanceCases,
  startHarness,
  urlGateway,
  type CaseResult,
  type ConformanceRun,
  type GatewayUnderTest,
  type ReportFiles,
} from '../../testing/index.ts';
import { EXIT, printDiagnostics } from '../exit.ts';
import { processIo, type CommandIo } from '../io.ts';
import { compilePortkey, findTarget } from '../targets.ts';
import { writeOutputs } from '../write.ts';

export interface ConformanceCommandOptions {
  readonly gateway: string;
  readonly report?: string;
  readonly cases?: string;
  readonly filter?: string;
  readonly mockHost: string;
  readonly mockPort: number;
  readonly advertise?: string;
  readonly deckOut: string;
  readonly wait: boolean;
}

/** The repository root: case configs name fixtures relative to it. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, '../../..');
export const DEFAULT_CASES = join(PACKAGE_ROOT, 'test/conformance/cases');

/** How each gateway is described in its report. */
function about(id: string): string | undefined {
  if (id === 'reference') return "aigate's reference proxy (src/proxy), in process, on the bundle the reference target compiles.";
  if (id !== 'portkey') return undefined;
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'node_modules/@portkey-ai/gateway/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // reported as unknown
  }
  return `Portkey's OSS gateway, \`@portkey-ai/gateway\` ${version} from npm (with \`@hono/node-server\` pinned to 1.14.1), started with \`--headless\` on a loopback port. Each request carries its route's config, compiled by the portkey target, in \`x-portkey-config\`, with every target's \`custom_host\` pointed at the mock providers.`;
}

export function gatewayFor(id: string, opts: Pick<ConformanceCommandOptions, 'deckOut' | 'wait'>, io: CommandIo): GatewayUnderTest | Diagnostic {
  if (id === 'reference') {
    const target = findTarget('reference');
    return target ? referenceGateway({ target }) : error('target_unknown', [], 'the reference target is not registered');
  }
  if (id === 'portkey') {
    const target = findTarget('portkey');
    if (target === undefined) return error('target_unknown', [], 'the portkey target is not registered');
    return portkeyGateway({ features: target.features, compile: (model, customHostFor) => compilePortkey(model, { customHostFor }) });
  }
  if (/^https?:\/\//.test(id)) {
    const deck = findTarget('deck');
    if (deck === undefined) return error('target_unknown', [], 'the deck target is not registered');
    return urlGateway({
      url: id,
      features: deck.features,
      compile: (model) => emitTarget(model, deck),
      deckOut: opts.deckOut,
      say: (t) => io.err(t),
      ...(opts.wait && { waitForUser: () => pressEnter(io) }),
    });
  }
  return error('usage', ['--gateway'], `unknown gateway "${id}"`, 'use reference, portkey, or the http(s):// URL of a gateway you run');
}

function pressEnter(io: CommandIo): Promise<void> {
  io.err('Press Enter when the gateway has loaded it.\n');
  const rl = createInterface({ input: process.stdin });
  return new Promise((resolve) => rl.once('line', () => (rl.close(), resolve())));
}

/** The report files for a run, as committed: the CLI and the suite's runners render it the same way. */
export function gatewayReport(run: ConformanceRun, id: string, features: ReadonlySet<Feature>): ReportFiles {
  const name = reportName(id);
  const command = name === 'url' ? 'aigate conformance --gateway <url> --report <dir>' : `npm run conformance:${name}`;
  const text = about(name);
  return renderReport(run, { command, features, ...(text !== undefined && { about: text }) });
}

export function reportName(id: string): string {
  return /^https?:\/\//.test(id) ? 'url' : id;
}

function line(r: CaseResult, color: boolean): string {
  const paint = (code: number, t: string) => (color ? `\u001b[${code}m${t}\u001b[0m` : t);
  if (r.status === 'pass') return `${paint(32, '✔')} ${r.name}\n`;
  if (r.status === 'skip') return `${paint(33, '-')} ${r.name} ${paint(2, `# skipped: ${(r.reason ?? '').split('\n')[0]}`)}\n`;
  const details = r.reason !== undefined ? r.reason.split('\n') : describeFailures(r.failures);
  const note = r.note !== undefined ? [`known difference: ${r.note}`] : [];
  return `${paint(31, '✖')} ${r.name}\n${[...note, ...details].map((l) => `    ${l}`).join('\n')}\n`;
}

export async function conformanceCommand(opts: ConformanceCommandOptions, io: CommandIo = processIo()): Promise<number> {
  const cases = await loadCases(opts.cases ?? DEFAULT_CASES);
  if (!cases.ok) {
    printDiagnostics(io, cases.diagnostics, 'text');
    return EXIT.invalid;
  }
  const gateway = gatewayFor(opts.gateway, opts, io);
  if (!('prepare' in gateway)) {
    printDiagnostics(io, [gateway], 'text');
    return EXIT.invalid;
  }
  const remote = /^https?:\/\//.test(opts.gateway);
  const harness = await startHarness(remote ? { host: opts.mockHost, port: opts.mockPort, ...(opts.advertise !== undefined && { advertise: opts.advertise }) } : {});
  let run: ConformanceRun;
  try {
    run = await runConformanceCases({
      cases: cases.value,
      gateway,
      root: PACKAGE_ROOT,
      harness,
      ...(opts.filter !== undefined && { filter: opts.filter }),
      onResult: (r) => io.out(line(r, io.color)),
    });
  } finally {
    await harness.close();
  }
  const count = (s: CaseResult['status']) => run.results.filter((r) => r.status === s).length;
  io.out(`\n${run.results.length} cases: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped\n`);
  if (opts.report !== undefined) {
    const name = reportName(opts.gateway);
    const files = gatewayReport(run, opts.gateway, gateway.features);
    const failed = writeOutputs(
      [
        { file: join(opts.report, `${name}.md`), content: files.markdown },
        { file: join(opts.report, `${name}.json`), content: files.json },
      ],
      `the report in ${opts.report}`,
    );
    if (failed) {
      printDiagnostics(io, [failed], 'text');
      return EXIT.invalid;
    }
    io.err(`wrote ${join(opts.report, `${name}.md`)} and ${name}.json\n`);
  }
  const unexplained = run.results.filter((r) => r.status === 'fail' && r.note === undefined);
  return unexplained.length > 0 ? 1 : EXIT.ok;
}
