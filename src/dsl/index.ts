/** The DSL users write configs with. Imports the spec for types only, so configs load fast. */
export { defineGateway } from './define.ts';
export { secret } from './secret.ts';
