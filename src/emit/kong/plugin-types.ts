/** Kong's own shapes that every Kong target writes, whatever wraps them (a decK file, a KongPlugin):
 * plugin configs, the shared LLM record, vault entities. Field names are Kong's; optional fields
 * left undefined are dropped by the serialiser. */
import type { BalancerConfig } from './balancer.ts';

/** A plugin as Kong knows it: its name and its config. Targets add their own envelope (tags, metadata). */
export interface KongPlugin<C extends object = object> {
  readonly name: string;
  readonly config: C;
}

/** Kong's shared LLM record (kong FACTS §1.1): ai-proxy's config, and each ai-proxy-advanced target. */
export interface LlmRecord {
  readonly route_type: 'llm/v1/chat' | 'llm/v1/completions';
  readonly auth?: LlmAuth;
  readonly model: {
    readonly provider: string;
    readonly name: string;
    readonly model_alias?: string;
    readonly options: LlmOptions;
  };
  readonly logging: { readonly log_statistics: boolean; readonly log_payloads: boolean };
}

export interface LlmAuth {
  readonly header_name?: string;
  readonly header_value?: string;
  readonly param_name?: string;
  readonly param_value?: string;
  readonly param_location?: 'query' | 'body';
  readonly aws_access_key_id?: string;
  readonly aws_secret_access_key?: string;
  readonly gcp_use_service_account?: boolean;
  readonly gcp_service_account_json?: string;
  readonly azure_use_managed_identity?: boolean;
  readonly azure_client_id?: string;
  readonly azure_tenant_id?: string;
  readonly azure_client_secret?: string;
  readonly allow_override: boolean;
}

export interface LlmOptions {
  readonly max_tokens?: number;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly input_cost?: number;
  readonly output_cost?: number;
  readonly anthropic_version?: string;
  readonly azure_instance?: string;
  readonly azure_api_version?: string;
  readonly azure_deployment_id?: string;
  readonly mistral_format?: 'openai' | 'ollama';
  readonly llama2_format?: 'raw' | 'openai' | 'ollama';
  readonly gemini?: { readonly api_endpoint: string; readonly project_id: string; readonly location_id: string };
  readonly bedrock?: { readonly aws_region: string };
  readonly upstream_url?: string;
}

/** What ai-proxy and ai-proxy-advanced set per route rather than per model. */
export interface RouteLevelOptions {
  readonly response_streaming: 'allow' | 'deny' | 'always';
  readonly model_name_header: boolean;
  readonly max_request_body_size: number;
}

export type AiProxyConfig = LlmRecord & RouteLevelOptions;

export interface AiProxyAdvancedConfig extends RouteLevelOptions {
  readonly targets: readonly (LlmRecord & { readonly weight: number })[];
  readonly balancer: BalancerConfig;
}

export interface KeyAuthConfig {
  readonly key_names: readonly string[];
  readonly hide_credentials: boolean;
  readonly key_in_header: boolean;
  readonly key_in_query: boolean;
  readonly key_in_body: boolean;
}

/** A Kong vault entity (decK `vaults:`, or the spec of KIC's KongVault). */
export interface KongVaultEntity {
  /** The vault backend: `hcv`, `azure`, ... */
  readonly name: string;
  /** What references use after `vault://`. */
  readonly prefix: string;
  readonly description?: string;
  readonly config: object;
}
