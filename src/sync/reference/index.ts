/** The reference proxy adapter: compares and hot-reloads through the proxy's admin listener. */
export * from './adapter.ts';
