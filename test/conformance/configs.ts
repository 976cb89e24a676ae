/** Small config builders the cases share, so each case shows only what it is about. Every config is
 * an ordinary `defineGateway` input. Providers carry no credentials unless a case is about them:
 * the mock providers take any request. */
import { secret, type GatewayConfig, type ProviderInput, type RouteInput } from '../../src/index.ts';

type Providers = GatewayConfig['providers'];
type Models = GatewayConfig['models'];

export const OPENAI: ProviderInput = { kind: 'openai' };
export const ANTHROPIC: ProviderInput = { kind: 'anthropic' };

/** One provider, one model, one chat route at `/chat`. */
export function single(provider: ProviderInput, model: string, extra: { route?: Partial<RouteInput>; options?: Models[string]['options']; modelId?: string } = {}): GatewayConfig {
  return {
    name: 'conformance',
    providers: { p: provider },
    models: { [model]: { provider: 'p', ...(extra.modelId && { model: extra.modelId }), ...(extra.options && { options: extra.options }) } },
    routes: { chat: { path: '/chat', model, ...extra.route } },
  };
}

/** Two OpenAI-format models (`primary`, `backup`) on one route, with a balancer. */
export function pair(
  balancer: NonNullable<RouteInput['balancer']>,
  extra: Partial<RouteInput> = {},
  providers: Providers = { a: OPENAI, b: OPENAI },
  weights: readonly [number, number] = [100, 50],
): GatewayConfig {
  const backupModel = providers.b?.kind === 'anthropic' ? 'claude-sonnet-4-5' : 'gpt-4o-mini';
  return {
    name: 'conformance',
    providers,
    models: { primary: { provider: 'a', model: 'gpt-4o' }, backup: { provider: 'b', model: backupModel } },
    routes: { chat: { path: '/chat', models: [{ model: 'primary', weight: weights[0] }, { model: 'backup', weight: weights[1] }], balancer, ...extra } },
  };
}

/** A route behind key-auth with two consumers, alice and bob. */
export function withConsumers(config: GatewayConfig, auth: RouteInput['auth'] = true): GatewayConfig {
  const routes = Object.fromEntries(Object.entries(config.routes).map(([k, r]) => [k, { ...r, auth }]));
  return {
    ...config,
    routes,
    consumers: {
      alice: { keys: [secret.env('ALICE_KEY')], ...config.consumers?.alice },
      bob: { keys: [secret.env('BOB_KEY')], ...config.consumers?.bob },
    },
  };
}

/** A chat body. */
export const chat = (content: string, extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content }], ...extra });
