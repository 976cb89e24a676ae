/** Shared helpers for targets that write Kubernetes objects: options, the object envelope, name rules. */
export * from './options.ts';
export * from './manifest.ts';
export * from './dns.ts';
