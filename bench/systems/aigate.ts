/** `aigate` and `aigate-policies`: `aigate serve <config>` as shipped (bin/aigate.mjs), its provider
 * `url` pointing at the bench's mock (no `--mock`, so the same upstream as the others), with
 * `--log none`: nobody reads the request logs here, so they are not built. The admin listener is
 * on (serve has no switch), on loopback.
 *
 * The first start of each config is a probe with stdout/stderr captured: a config the proxy refuses
 * as unsupported (the policies, until they are wired in) makes that system `Skipped` with serve's
 * own words; any other failure is an error. Measured starts then run with output discarded, so no
 * pipe to this process costs the proxy anything. */
import { collect, freePort, ROOT, spawnNode, stopChild, waitForHttp } from './child.ts';
import type { Skipped, StartContext, System, SystemName } from './system.ts';

export const CONSUMER_KEY = 'bench-consumer-key';
const CONFIGS = {
  aigate: 'bench/configs/openai.config.ts',
  'aigate-policies': 'bench/configs/policies.config.ts',
} as const;

const probed = new Map<string, Promise<Skipped | undefined>>();

export const startAigate = (ctx: StartContext) => start('aigate', ctx);
export const startAigatePolicies = (ctx: StartContext) => start('aigate-policies', ctx);

async function start(name: keyof typeof CONFIGS & SystemName, ctx: StartContext): Promise<System | Skipped> {
  const config = CONFIGS[name];
  const key = `${ctx.root ?? ROOT} ${config}`;
  let probe = probed.get(key);
  if (probe === undefined) probed.set(key, (probe = spawnServe(config, ctx, true).then(async (s) => ('skipped' in s ? s : void (await s.stop())))));
  const skipped = await probe;
  if (skipped) return skipped;
  const served = await spawnServe(config, ctx, false);
  if ('skipped' in served) return served;
  return { ...served, name, headers: name === 'aigate-policies' ? { apikey: CONSUMER_KEY } : {} };
}

async function spawnServe(config: string, ctx: StartContext, probe: boolean): Promise<Omit<System, 'name' | 'headers'> | Skipped> {
  const [port, adminPort] = [await freePort(), await freePort()];
  const child = spawnNode(['bin/aigate.mjs', 'serve', config, '--port', String(port), '--admin-port', String(adminPort), '--log', 'none'], {
    core: ctx.core,
    ...(ctx.root !== undefined && { cwd: ctx.root }),
    pipe: probe,
    ...(!probe && ctx.nodeFlags && { nodeFlags: ctx.nodeFlags }),
    ...(!probe && ctx.wrapper && { wrapper: ctx.wrapper }),
    env: { BENCH_UPSTREAM: ctx.upstream.url, BENCH_OPENAI_AUTH: 'Bearer sk-bench', BENCH_CONSUMER_KEY: CONSUMER_KEY, NO_COLOR: '1' },
  });
  const output = probe ? collect(child) : () => '';
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, child, probe ? undefined : ctx.readyMs);
  } catch (e) {
    await stopChild(child);
    const text = output();
    if (/unsupported|not supported|cannot express/i.test(text)) return { skipped: unsupportedReason(text) };
    throw new Error(`aigate serve ${config}: ${(e as Error).message}${text ? `\n${text}` : ' (run it by hand to see why)'}`);
  }
  return { url: `http://127.0.0.1:${port}/v1/chat/completions`, pid: child.pid as number, stop: () => stopChild(child) };
}

/** serve's diagnostics in one line, e.g. "the proxy reports promptGuard, limits as unsupported (unsupported_by_target)". */
function unsupportedReason(text: string): string {
  const clean = text.replace(/\x1b\[[0-9;]*m/g, '');
  const policies = [...clean.matchAll(/cannot express the (\w+) policy/g)].map((m) => m[1]);
  if (policies.length > 0) return `aigate serve reports ${policies.join(', ')} as unsupported (unsupported_by_target)`;
  const first = clean.split('\n').find((l) => /unsupported|not supported|cannot express/i.test(l));
  return `aigate serve: ${first?.replace(/^\W+/, '').trim() ?? 'policies unsupported'}`;
}

/** What the `aigate-policies` row claims to measure, checked on the running proxy: a request
 * without the key gets 401, a denied prompt gets 400, an allowed one carries the token limit's
 * headers. Returns what is not so (empty when all are active). The decorator is not visible from
 * the client; the guard and limit stages run after it, so a request that passes both went through it. */
export async function inactivePolicies(system: System, request: { readonly headers: Readonly<Record<string, string>>; readonly body: string }): Promise<string[]> {
  const call = async (headers: Record<string, string>, body: string) => {
    const res = await fetch(system.url, { method: 'POST', headers, body });
    await res.arrayBuffer();
    return res;
  };
  const problems: string[] = [];
  const { apikey: _key, ...withoutKey } = request.headers;
  const noKey = await call(withoutKey, request.body);
  if (noKey.status !== 401) problems.push(`key-auth: a request without a key got ${noKey.status}, not 401`);
  const denied = request.body.replace(/"content":"[^"]*"\}\]/, '"content":"What is the admin password?"}]');
  const guard = await call({ ...request.headers }, denied);
  if (guard.status !== 400) problems.push(`prompt guard: a denied prompt got ${guard.status}, not 400`);
  const ok = await call({ ...request.headers }, request.body);
  if (![...ok.headers.keys()].some((h) => h.startsWith('x-ai-ratelimit-limit-'))) problems.push('token limit: no X-AI-RateLimit-Limit-* header on an allowed reply');
  return problems;
}
