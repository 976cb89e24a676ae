/** Builders for the policy engines' tests: the smallest valid model objects, with overrides. */
import type { Balancer, Consumer, ConsumerGroup, GatewayModel, Policies, Route } from '../../model/index.ts';

export function balancerOf(overrides: Partial<Balancer> = {}): Balancer {
  return {
    algorithm: 'round-robin',
    weights: {},
    retries: 5,
    failover: ['error', 'timeout'],
    connectTimeoutMs: 60_000,
    readTimeoutMs: 60_000,
    writeTimeoutMs: 60_000,
    latency: 'tpot',
    usage: 'total-tokens',
    ...overrides,
  };
}

export function routeOf(name: string, policies: Policies = {}, models: readonly string[] = ['gpt']): Route {
  return {
    name,
    paths: [`/${name}`],
    type: 'chat',
    models,
    balancer: balancerOf(),
    policies,
    streaming: 'allow',
    logging: { statistics: true, payloads: false },
    modelNameHeader: true,
  };
}

export function consumerOf(name: string, policies: Policies = {}, groups: readonly string[] = []): Consumer {
  return { name, groups, credentials: [], policies };
}

export function groupOf(name: string, policies: Policies = {}): ConsumerGroup {
  return { name, policies };
}

export function gatewayOf(parts: {
  readonly policies?: Policies;
  readonly consumers?: readonly Consumer[];
  readonly consumerGroups?: readonly ConsumerGroup[];
}): Pick<GatewayModel, 'policies' | 'consumers' | 'consumerGroups'> {
  return { policies: parts.policies ?? {}, consumers: parts.consumers ?? [], consumerGroups: parts.consumerGroups ?? [] };
}
