/** Public surface of diagnostics: the type, the codes, helpers. Imports nothing else in the project. */
export * from './codes.ts';
export * from './diagnostic.ts';
export * from './did-you-mean.ts';
export * from './format.ts';
