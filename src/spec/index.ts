/** The user-facing config schema (zod), its parser and its checks. */
export * from './gateway.ts';
export * from './secret.ts';
export * from './provider.ts';
export * from './model.ts';
export * from './route.ts';
export * from './consumer.ts';
export * from './vaults.ts';
export * from './policies.ts';
export * from './tests.ts';
export { applyEnvironment, mergeOverride } from './environments.ts';
export { parseGateway, type ParsedGateway, type ParseOptions } from './parse.ts';
export { zodIssuesToDiagnostics } from './zod-issues.ts';
export { configJsonSchema } from './json-schema.ts';
