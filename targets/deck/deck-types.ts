/** The slice of decK's file format (`_format_version: "3.0"`) this target writes, as TypeScript
 * types. Field names are Kong's; optional fields left undefined are dropped by `toYaml`. */

export interface DeckFile {
  readonly _format_version: '3.0';
  readonly _info: { readonly select_tags: readonly string[] };
  readonly services?: readonly DeckService[];
  readonly consumers?: readonly DeckConsumer[];
  readonly consumer_groups?: readonly DeckConsumerGroup[];
  readonly vaults?: readonly DeckVault[];
}

export interface DeckService {
  readonly name: string;
  readonly url: string;
  readonly tags: readonly string[];
  readonly routes: readonly DeckRoute[];
}

export interface DeckRoute {
  readonly name: string;
  readonly paths: readonly string[];
  readonly strip_path: boolean;
  readonly tags: readonly string[];
  readonly plugins: readonly DeckPlugin[];
}

export interface DeckPlugin {
  readonly name: string;
  readonly config: object;
  readonly tags: readonly string[];
}

export interface DeckConsumer {
  readonly username: string;
  readonly custom_id?: string;
  readonly tags: readonly string[];
  readonly groups?: readonly { readonly name: string }[];
  readonly keyauth_credentials?: readonly { readonly key: string; readonly tags: readonly string[] }[];
}

export interface DeckConsumerGroup {
  readonly name: string;
  readonly tags: readonly string[];
}

export interface DeckVault {
  /** The vault backend: `hcv`, `azure`, ... */
  readonly name: string;
  /** What references use after `vault://`. */
  readonly prefix: string;
  readonly description?: string;
  readonly config: object;
  readonly tags: readonly string[];
}

/** Kong's shared LLM record (FACTS §1.1): ai-proxy's config, and each ai-proxy-advanced target. */
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
