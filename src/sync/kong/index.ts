/** The DB-less Kong adapter: decK → DB-less, entity naming, comparing, `/config`. */
export * from './dbless.ts';
export * from './entities.ts';
export * from './normalise.ts';
export * from './admin.ts';
export * from './adapter.ts';
