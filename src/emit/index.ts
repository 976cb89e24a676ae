/** Shared emission helpers for targets. Imports only the model and diagnostics. */
export * from './serialize.ts';
export * from './ownership.ts';
export * from './names.ts';
export * from './target.ts';
