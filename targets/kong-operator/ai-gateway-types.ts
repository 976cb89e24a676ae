/** The `gateway-operator.konghq.com/v1alpha1` AIGateway this target writes, as TypeScript types,
 * following the vendored CRD (schema/vendor/kgo/gateway-operator.konghq.com_aigateways.yaml). */
import type { Manifest } from '../../src/emit/kubernetes/index.ts';

export type CloudProviderName = 'openai' | 'azure' | 'cohere' | 'mistral';

export interface CloudHostedModel {
  /** Becomes the path `/<identifier>` and the names of the objects the controller creates. */
  readonly identifier: string;
  readonly model: string;
  readonly promptType: 'chat' | 'completions';
  readonly defaultPrompts?: readonly { readonly role: 'user' | 'system'; readonly content: string }[];
  /** `temperature` is a string in the CRD. */
  readonly defaultPromptParams?: { readonly maxTokens?: number; readonly temperature?: string };
  readonly aiCloudProvider: { readonly name: CloudProviderName };
}

export interface AiGatewayObject extends Manifest {
  readonly spec: {
    readonly gatewayClassName: string;
    readonly largeLanguageModels: { readonly cloudHosted: readonly CloudHostedModel[] };
    /** A Secret whose keys are provider names; never its values. */
    readonly cloudProviderCredentials: { readonly name: string };
  };
}
