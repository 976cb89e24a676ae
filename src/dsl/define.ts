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
export function defineGateway<const T extends GatewayConfigInput>(config: T): T {
  return config;
}
