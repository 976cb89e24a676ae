/** The model (IR) and its pure helpers. Imports only diagnostics: never zod, the spec or a target. */
export * from './gateway.ts';
export * from './secret.ts';
export * from './providers.ts';
export * from './features.ts';
export * from './bundle.ts';
export * from './policies.ts';
export * from './policy-uses.ts';
export * from './tests.ts';
export * from './lookup.ts';
