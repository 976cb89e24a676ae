/** `portkey`: the real Portkey gateway (`@portkey-ai/gateway`, pinned in package.json, with
 * `@hono/node-server` held at 1.14.1 by `overrides`: later versions break its Node streaming),
 * headless, pointed at the mock with `x-portkey-provider` and `x-portkey-custom-host`.
 * It has no host option and listens on every interface; the bench only calls it on loopback. */
import { freePort, spawnNode, stopChild, waitForHttp } from './child.ts';
import type { StartContext, System } from './system.ts';

const START = 'node_modules/@portkey-ai/gateway/build/start-server.js';

export async function startPortkey(ctx: StartContext): Promise<System> {
  const port = await freePort();
  const child = spawnNode([START, `--port=${port}`, '--headless'], { core: ctx.core, ...(ctx.nodeFlags && { nodeFlags: ctx.nodeFlags }), ...(ctx.wrapper && { wrapper: ctx.wrapper }) });
  // Its GET / answers "AI Gateway says hey!" once the server is up.
  await waitForHttp(`http://127.0.0.1:${port}/`, child, ctx.readyMs);
  return {
    name: 'portkey',
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${ctx.upstream.url}/openai/v1` },
    pid: child.pid as number,
    stop: () => stopChild(child),
  };
}
