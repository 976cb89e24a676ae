/** `aigate serve [config|bundle]`: runs the reference proxy on a config (compiled with the
 * reference target in a child process, see serve-compile.ts) or a compiled bundle; with `--mock`,
 * against the mock providers, fully offline. `startServe` is the same start-up without the
 * printing and signals, for tests. The compiler and the targets are never imported here: a proxy
 * process keeps only the proxy in memory. */
import { readFile } from 'node:fs/promises';
import { error, type Diagnostic, type Result } from '../../diagnostics/index.ts';
import type { MockProviders } from '../../mock/index.ts';
import type { GatewayModel, ReferenceBundle } from '../../model/index.ts';
import { fileSink, loadBundle, startProxy, type LogSink, type ProxyOptions, type ReferenceProxy } from '../../proxy/index.ts';
import { EXIT, report } from '../exit.ts';
import { compileInChildProcess } from './serve-compile.ts';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly mock: boolean;
  readonly adminPort: number;
  readonly adminToken?: string;
  /** Where request logs go: `none`, `stderr` (the default) or a file path (appended to). */
  readonly log?: string;
  /** The consumer key the printed example curl sends (the demo sets its own); else the variable. */
  readonly exampleKey?: string;
}

export interface Serving {
  readonly bundle: ReferenceBundle;
  readonly proxy: ReferenceProxy;
  /** Present with `mock`. */
  readonly mocks?: MockProviders;
  readonly warnings: readonly Diagnostic[];
  close(): Promise<void>;
}

/** Extra proxy settings tests pass (log sink, timeouts, environment). */
export type ProxyOverrides = Omit<ProxyOptions, 'bundle' | 'port' | 'host' | 'admin' | 'mock' | 'upstreamUrlFor'>;

export async function startServe(file: string, opts: ServeOptions, overrides: ProxyOverrides = {}): Promise<Result<Serving>> {
  const source = await loadSource(file);
  if (!source.ok) return source;
  const bundle = source.value;
  let logFile: (LogSink & { close(): void }) | undefined;
  let log: LogSink | false | undefined;
  if (opts.log === 'none') log = false;
  else if (opts.log !== undefined && opts.log !== 'stderr') {
    try {
      log = logFile = fileSink(opts.log);
    } catch (e) {
      return { ok: false, diagnostics: [error('usage', [], `cannot write the request log to ${opts.log}: ${(e as Error).message}`, 'pass --log none, stderr or a writable file')] };
    }
  }
  // The mocks are loaded only with --mock: a proxy in front of real providers does not carry them.
  const mock = opts.mock ? await import('../../mock/index.ts') : undefined;
  const mocks = mock ? await mock.startMockProviders({ port: 0, host: '127.0.0.1' }) : undefined;
  const pointAtMocks = mocks ? (await import('../../mock/point-at-mocks.ts')).pointAtMocks : undefined;
  const started = await startProxy({
    ...(log !== undefined && { log }),
    ...overrides,
    bundle,
    port: opts.port,
    host: opts.host,
    admin: { port: opts.adminPort, ...(opts.adminToken !== undefined && { token: opts.adminToken }) },
    mock: opts.mock,
    ...(mocks && pointAtMocks && { upstreamUrlFor: pointAtMocks(mocks.url) }),
  }).catch(async (e: unknown) => {
    await mocks?.close();
    logFile?.close();
    throw e;
  });
  if (!started.ok) {
    await mocks?.close();
    logFile?.close();
    return started;
  }
  const proxy = started.value;
  const close = async () => {
    await proxy.close();
    await mocks?.close();
    logFile?.close();
  };
  return { ok: true, value: { bundle, proxy, ...(mocks && { mocks }), warnings: source.warnings, close }, warnings: source.warnings };
}

/** Serves until SIGINT/SIGTERM (or `until` settles), then shuts down cleanly. */
export async function serveCommand(file: string, opts: ServeOptions, until: Promise<unknown> = signalled()): Promise<number> {
  let serving: Result<Serving>;
  try {
    serving = await startServe(file, opts);
  } catch (e) {
    report([error('usage', [], `could not start the proxy: ${(e as Error).message}`, 'pick free ports with --port and --admin-port')], { format: 'text' });
    return EXIT.invalid;
  }
  if (!serving.ok) {
    report(serving.diagnostics, { format: 'text' });
    return EXIT.invalid;
  }
  report(serving.warnings, { format: 'text' });
  process.stdout.write(banner(serving.value, opts.exampleKey));
  await until;
  process.stdout.write('\nstopping…\n');
  await serving.value.close();
  return EXIT.ok;
}

function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** A `.json` file with a bundle's `format` is a bundle; anything else is a config to compile. */
async function loadSource(file: string): Promise<Result<ReferenceBundle>> {
  if (file.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      parsed = undefined; // the config loader reports a missing or broken file in its own words
    }
    if (typeof parsed === 'object' && parsed !== null && ('format' in parsed || 'bundleVersion' in parsed)) {
      const loaded = loadBundle(parsed);
      return loaded.ok ? loaded : { ok: false, diagnostics: loaded.diagnostics.map((d) => ({ ...d, file })) };
    }
  }
  const compiled = await compileInChildProcess(file).catch(
    (e: unknown): Result<string> => ({
      ok: false,
      diagnostics: [
        {
          ...error('config_load_failed', [], `compiling the config failed: ${(e as Error).message}`, `\`aigate validate ${file}\` shows the same failure outside serve`),
          file,
        },
      ],
    }),
  );
  if (!compiled.ok) return compiled;
  const loaded = loadBundle(compiled.value);
  return loaded.ok ? { ...loaded, warnings: compiled.warnings } : loaded;
}

function banner({ bundle, proxy, mocks }: Serving, exampleKey: string | undefined): string {
  const g = bundle.gateway;
  const lines = [
    `aigate reference proxy serving "${g.name}" (bundle ${proxy.current().hash.slice(0, 12)})`,
    `  proxy   ${proxy.url}`,
  ];
  if (proxy.admin) lines.push(`  admin   ${proxy.admin.url}  (GET /health, GET|POST /config, GET /metrics)`, `          token: ${proxy.admin.token}`);
  if (mocks) lines.push(`  mocks   ${mocks.url}  (every provider points here)`);
  lines.push('', 'routes:');
  for (const r of g.routes) {
    const models = r.models.join(', ');
    lines.push(`  ${r.paths.join(' ')}  →  ${models}${r.keyAuth ? '  (key-auth)' : ''}`);
  }
  const example = tryCurl(proxy.url, g, exampleKey);
  if (example) lines.push('', 'try:', `  ${example}`);
  lines.push('', 'Ctrl-C to stop.', '');
  return `${lines.join('\n')}\n`;
}

/** A curl for the first prefix route; with key-auth, the key comes from the consumer's variable. */
export function tryCurl(url: string, g: GatewayModel, key?: string): string | undefined {
  const route = g.routes.find((r) => r.paths.some((p) => p.startsWith('/')));
  const path = route?.paths.find((p) => p.startsWith('/'));
  if (route === undefined || path === undefined) return undefined;
  const body = route.type === 'chat' ? '{"messages":[{"role":"user","content":"Hello!"}]}' : '{"prompt":"Hello!"}';
  const parts = [`curl -s ${url}${path}`, `-H 'content-type: application/json'`];
  if (route.keyAuth) {
    const header = route.keyAuth.keyNames[0] ?? 'apikey';
    const ref = g.consumers.flatMap((c) => c.credentials).find((c) => c.key.kind === 'env')?.key;
    const value = key ?? (ref?.kind === 'env' ? `$${ref.name}` : '<a consumer key>');
    parts.push(key === undefined ? `-H "${header}: ${value}"` : `-H '${header}: ${value}'`);
  }
  parts.push(`-d '${body}'`);
  return parts.join(' ');
}
