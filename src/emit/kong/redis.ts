/** The gateway's Redis as the `redis` record Kong's rate limiters and vector databases share. */
import type { KongContext } from './context.ts';
import { vaultReference } from './secrets.ts';

export interface RedisConfig {
  readonly host: string;
  readonly port: number;
  readonly database: number;
  readonly username?: string;
  readonly password?: string;
  readonly ssl: boolean;
  readonly ssl_verify: boolean;
}

/** `undefined` (and a diagnostic at `at`) when the config has no redis; the spec requires one
 * wherever a policy needs it, so that only guards a hand-built model. */
export function redisConfig(ctx: KongContext, at: readonly (string | number)[], what: string): RedisConfig | undefined {
  const r = ctx.model.redis;
  if (r === undefined) {
    ctx.report('policy_dependency_missing', at, `${what} needs the gateway's redis, and none is configured`, 'add redis: { host, port } at the top of the config');
    return undefined;
  }
  return {
    host: r.host,
    port: r.port,
    database: r.database,
    username: r.username,
    password: r.password && vaultReference(ctx, r.password, ['redis', 'password']),
    ssl: r.tls,
    // Kong's default flipped from false to true in 3.14: verify whenever TLS is on, on every version.
    ssl_verify: r.tls,
  };
}
