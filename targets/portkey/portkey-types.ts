/** The part of Portkey's config JSON this target writes (Portkey-AI/gateway 1.15.2,
 * src/middlewares/requestValidator/schema/config.ts). Portkey reads keys in snake_case. */

export interface PortkeyCheck {
  readonly id: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** A before-request hook: a guardrail (denies when a check fails) or a mutator (rewrites). */
export interface PortkeyHook {
  readonly id: string;
  readonly type: 'guardrail' | 'mutator';
  readonly checks: readonly PortkeyCheck[];
  readonly deny?: boolean;
  readonly async?: boolean;
}

export interface PortkeyTargetConfig {
  readonly provider: string;
  readonly api_key?: string;
  readonly custom_host?: string;
  readonly weight?: number;
  readonly override_params?: Readonly<Record<string, unknown>>;
  readonly resource_name?: string;
  readonly deployment_id?: string;
  readonly api_version?: string;
  readonly anthropic_version?: string;
  readonly aws_access_key_id?: string;
  readonly aws_secret_access_key?: string;
  readonly aws_region?: string;
  readonly vertex_project_id?: string;
  readonly vertex_region?: string;
}

export interface PortkeyConfig {
  readonly strategy: { readonly mode: 'single' | 'loadbalance' | 'fallback'; readonly on_status_codes?: readonly number[] };
  readonly targets: readonly PortkeyTargetConfig[];
  readonly request_timeout?: number;
  readonly cache?: { readonly mode: 'simple'; readonly max_age: number };
  readonly before_request_hooks?: readonly PortkeyHook[];
}

/** One route of the config, compiled. */
export interface PortkeyRoute {
  readonly name: string;
  readonly paths: readonly string[];
  /** Where clients send it on a Portkey gateway. */
  readonly endpoint: '/v1/chat/completions' | '/v1/completions';
  /** Sent as the `x-portkey-config` header. */
  readonly config: PortkeyConfig;
  /** The model (by config name) behind each of `config.targets`, in order. */
  readonly models: readonly string[];
}
