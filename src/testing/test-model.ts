/** The model as tests run it. Two changes, both so a test needs no credentials and no servers:
 *
 * - every consumer key becomes an environment reference with a generated, deterministic value
 *   (`aigate-test-<consumer>-<n>`), handed to the gateway in its own environment, so real keys are
 *   never read and a test request can send "alice's key" without knowing it;
 * - `redis` is dropped, so limit counters and the cache live in the gateway's memory and every
 *   test starts from zero (what a test checks is the policy, not the Redis connection).
 *
 * Provider credentials are left alone: the gateways run against the mock providers, which accept
 * any credential, and the reference proxy replaces unreadable ones with a placeholder. */
import type { Consumer, GatewayModel } from '../model/index.ts';

export interface TestModel {
  readonly model: GatewayModel;
  /** Variable → value, for the gateway's environment. Holds test keys only. */
  readonly env: Readonly<Record<string, string>>;
  /** The first key of a consumer, as a test request sends it. */
  keyFor(consumer: string): string | undefined;
}

export function testModel(model: GatewayModel): TestModel {
  const env: Record<string, string> = {};
  const first = new Map<string, string>();
  let n = 0;
  const consumers: Consumer[] = model.consumers.map((c) => ({
    ...c,
    credentials: c.credentials.map((cred, i) => {
      const name = `AIGATE_TEST_KEY_${++n}`;
      const value = `aigate-test-${c.name}-${i + 1}`;
      env[name] = value;
      if (i === 0) first.set(c.name, value);
      return { ...cred, key: { kind: 'env' as const, name } };
    }),
  }));
  const { redis: _redis, ...rest } = model;
  return { model: { ...rest, consumers }, env, keyFor: (c) => first.get(c) };
}
