/** Portkey's OSS gateway (`@portkey-ai/gateway`, an npm dev dependency) as a gateway under test.
 * One Portkey process serves every case: it keeps no config of its own, each request carries its
 * route's compiled config in `x-portkey-config`, with every target's `custom_host` pointed at the
 * mock front. Started as TOOLCHAIN.md says: `node build/start-server.js --port=N --headless`
 * (it listens on all interfaces; nothing else is started with it).
 *
 * Where each provider's `custom_host` points: Portkey appends its own endpoint to it, so the host
 * is the mock prefix for the wire format Portkey speaks to that provider. That is the provider's
 * own, except for Ollama, which Portkey reaches through Ollama's OpenAI-compatible `/v1` API. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { error, type Result } from '../../diagnostics/index.ts';
import { MOCK_CREDENTIAL } from '../../proxy/index.ts';
import type { Feature, GatewayModel, Model, Provider, RouteType } from '../../model/index.ts';
import type { Address, GatewayUnderTest, PreparedGateway, PrepareContext } from '../gateway.ts';

/** What the portkey target compiles per route (passed in by the CLI, which owns the targets). */
export interface CompiledPortkeyRoute {
  readonly name: string;
  readonly endpoint: string;
  readonly config: unknown;
  readonly models: readonly string[];
}
export type PortkeyCompile = (model: GatewayModel, customHostFor: (provider: Provider, model: Model, type: RouteType) => string) => Result<readonly CompiledPortkeyRoute[]>;

export interface PortkeyGatewayOptions {
  readonly features: ReadonlySet<Feature>;
  readonly compile: PortkeyCompile;
  /** @default a free port */
  readonly port?: number;
  /** @default 30000 */
  readonly startupTimeoutMs?: number;
}

/** The mock prefix for the format Portkey speaks to each provider kind. */
function mockPrefix(p: Provider): string {
  switch (p.kind) {
    case 'openai':
    case 'openai-compatible':
    case 'mistral':
    case 'anthropic':
      return p.kind === 'mistral' && p.format === 'ollama' ? '/openai' : `/${p.kind}/v1`;
    case 'llama2':
      return p.format === 'openai' ? '/llama2/v1' : '/openai';
    case 'azure':
      return '/azure/openai';
    case 'ollama':
      return '/openai';
    case 'cohere':
    case 'gemini':
    case 'bedrock':
      return `/${p.kind}`;
  }
}

export function portkeyGateway(options: PortkeyGatewayOptions): GatewayUnderTest {
  let running: Promise<{ url: string; child: ChildProcess }> | undefined;
  const start = () => (running ??= startPortkey(options.port, options.startupTimeoutMs ?? 30_000));
  return {
    id: 'portkey',
    features: options.features,
    async prepare(model: GatewayModel, { front }: PrepareContext): Promise<Result<PreparedGateway>> {
      const compiled = options.compile(model, (p, m) => front.baseFor(m.name) + mockPrefix(p));
      if (!compiled.ok) return compiled;
      let url: string;
      try {
        url = (await start()).url;
      } catch (e) {
        return { ok: false, diagnostics: [error('usage', [], `could not start Portkey: ${(e as Error).message}`, 'npm install (it is a dev dependency: @portkey-ai/gateway)')] };
      }
      const routes = new Map(compiled.value.map((r) => [r.name, r]));
      return {
        ok: true,
        warnings: compiled.warnings,
        value: {
          address(path, route): Address {
            const r = route && routes.get(route.name);
            if (r === undefined) return { url: url + path, headers: {} };
            // `${VAR}` key placeholders: the mocks take any credential.
            const config = JSON.stringify(r.config).replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, MOCK_CREDENTIAL);
            return { url: url + r.endpoint, headers: { 'x-portkey-config': config } };
          },
          servedBy(answer, route) {
            // `x-portkey-last-used-option-index: config.targets[1]`
            const at = /targets\[(\d+)\]/.exec(answer.headers['x-portkey-last-used-option-index'] ?? '');
            const r = route && routes.get(route.name);
            const name = at && r ? r.models[Number(at[1])] : undefined;
            return name === undefined ? [] : [name];
          },
          close: () => Promise.resolve(),
        },
      };
    },
    async close() {
      if (running === undefined) return;
      const { child } = await running.catch(() => ({ child: undefined }));
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startPortkey(wanted: number | undefined, timeoutMs: number): Promise<{ url: string; child: ChildProcess }> {
  const script = createRequire(import.meta.url).resolve('@portkey-ai/gateway/build/start-server.js');
  const port = wanted ?? (await freePort());
  const child = spawn(process.execPath, [script, `--port=${port}`, '--headless'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Portkey exited with ${child.exitCode}: ${output.trim().slice(-500)}`);
    try {
      const r = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      await r.arrayBuffer();
      return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`Portkey did not answer on ${url} within ${timeoutMs} ms: ${output.trim().slice(-500)}`);
}
