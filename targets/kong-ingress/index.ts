/** The `kong-ingress` target: Kong Ingress Controller and Gateway API manifests (HTTPRoute,
 * KongPlugin, KongConsumer, KongConsumerGroup) for Kong Gateway 3.10–3.15 run by KIC or Kong Operator. */
import type { Target } from '../../src/emit/index.ts';
import { emitKongIngress } from './emit.ts';
import { KONG_INGRESS_FEATURES } from './features.ts';

export const kongIngressTarget: Target = {
  id: 'kong-ingress',
  description: 'Kong Ingress Controller manifests: Gateway API HTTPRoutes, KongPlugins, KongConsumers and consumer groups',
  features: KONG_INGRESS_FEATURES,
  emit: emitKongIngress,
};
