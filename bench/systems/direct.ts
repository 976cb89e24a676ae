/** `direct`: the load generator straight at the mock upstream, no proxy in between. Its latency
 * is the baseline that "added latency" is measured from; it has no proxy process to measure. */
import type { StartContext, System } from './system.ts';

export async function startDirect(ctx: StartContext): Promise<System> {
  return { name: 'direct', url: ctx.upstream.chatUrl, headers: {}, pid: undefined, stop: async () => {} };
}
