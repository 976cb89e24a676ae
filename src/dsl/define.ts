/** `defineGateway`: an identity function that gives a config file types, completion and hover docs. */
import type { GatewayConfigInput } from '../spec/gateway.ts';

/**
 * Describes an AI gateway: its LLM providers, models, routes and consumers.
 *
 * @example
 * export default defineGateway({
 *   name: 'acme',
 *   providers: { openai: { kind: 'openai', auth: { header: 'Authorization', value: { env: 'OPENAI_AUTH' } } } },
 *   models: { gpt4o: { provider: 'openai', model: 'gpt-4o' } },
 *   routes: { chat: { path: '/chat', model: 'gpt4o' } },
 * });
 * @see https://developer.konghq.com/plugins/ai-proxy/
 */
// Not generic on purpose: a generic parameter would turn off TypeScript's excess-property check,
// and a typo like `streming` would then pass the type-checker.
export function defineGateway(config: GatewayConfigInput): GatewayConfigInput {
  return config;
}
