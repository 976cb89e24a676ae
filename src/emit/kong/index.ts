/** The Kong plugin layer every Kong target shares: plugin configs built from the model, vault
 * references for secrets, the Kong-version field table. Imports only the model and diagnostics. */
export * from './plugin-types.ts';
export * from './context.ts';
export * from './versions.ts';
export * from './secrets.ts';
export * from './llm-record.ts';
export * from './ai-proxy.ts';
export * from './key-auth.ts';
export * from './vaults.ts';
export * from './placeholder.ts';
export * from './balancer.ts';
export * from './body-size.ts';
export * from './scope.ts';
export * from './plugin-scopes.ts';
export * from './policy-plugins.ts';
export * from './enterprise.ts';
