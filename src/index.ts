/** aigate's public entry: what a `gateway.config.ts` imports. */
export { defineGateway, secret } from './dsl/index.ts';
export type {
  GatewayConfigInput as GatewayConfig,
  ProviderInput,
  ModelInput,
  RouteInput,
  ConsumerInput,
  SecretInput,
} from './spec/index.ts';
