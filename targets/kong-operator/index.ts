/** The `kong-operator` target: a Kong Operator `AIGateway` (gateway-operator.konghq.com/v1alpha1).
 * It expresses little and says so; `kong-ingress` expresses the rest. */
import type { Target } from '../../src/emit/index.ts';
import { emitKongOperator } from './emit.ts';
import { KONG_OPERATOR_FEATURES } from './features.ts';

export const kongOperatorTarget: Target = {
  id: 'kong-operator',
  description: 'Kong Operator AIGateway: one model per route for openai and cohere, with a credentials Secret reference',
  features: KONG_OPERATOR_FEATURES,
  emit: emitKongOperator,
};
