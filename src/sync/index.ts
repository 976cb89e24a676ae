/** The reconcile engine, target-independent: typed changes, their order, running them, and how a
 * plan is shown. Adapters for live systems live in the subfolders (kubernetes/, kong/, reference/). */
export * from './change.ts';
export * from './levels.ts';
export * from './plan.ts';
export * from './execute.ts';
export * from './mask.ts';
export * from './redact.ts';
export * from './render.ts';
export * from './secrets.ts';
export { deepEqual } from './equal.ts';
