/** The in-memory counter and cache stores a single proxy uses when the model names no Redis. The
 * server makes one pair for its whole life, so a reload keeps counters and cached answers. */
import { createMemoryCacheStore, createMemoryCounterStore } from './policies/index.ts';
import type { MemoryStores } from './policy-runtime.ts';

export function createMemoryStores(): MemoryStores {
  return { counters: createMemoryCounterStore(), cache: createMemoryCacheStore() };
}
