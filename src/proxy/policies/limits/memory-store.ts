/** Counters in this process's memory: for a single proxy. Atomic because a check runs to the end
 * without awaiting. Expired windows are dropped as they are met and by a periodic sweep. */
import { allows, type CounterAdd, type CounterRead, type CounterStore } from './store.ts';

export interface MemoryCounterStoreOptions {
  readonly now?: () => number;
}

export function createMemoryCounterStore(options: MemoryCounterStoreOptions = {}): CounterStore & { readonly size: () => number } {
  const now = options.now ?? Date.now;
  const counters = new Map<string, { value: number; expiresAt: number }>();
  let nextSweep = 0;

  function read(key: string, at: number): number {
    const c = counters.get(key);
    if (!c) return 0;
    if (c.expiresAt <= at) {
      counters.delete(key);
      return 0;
    }
    return Math.max(0, c.value);
  }

  function incr(key: string, amount: number, ttlSeconds: number, at: number): void {
    const c = counters.get(key);
    const expiresAt = at + ttlSeconds * 1000;
    if (c && c.expiresAt > at) {
      c.value += amount;
      c.expiresAt = expiresAt;
    } else counters.set(key, { value: amount, expiresAt });
  }

  function sweep(at: number): void {
    if (at < nextSweep) return;
    nextSweep = at + 10_000;
    for (const [k, c] of counters) if (c.expiresAt <= at) counters.delete(k);
  }

  return {
    checkAndAdd(ops) {
      const at = now();
      sweep(at);
      const reads: CounterRead[] = [];
      let allowed = true;
      for (const op of ops) {
        const r = { previous: op.weight > 0 ? read(op.previousKey, at) : 0, current: read(op.key, at) };
        reads.push(r);
        allowed &&= allows(op, r);
      }
      for (const op of ops) {
        const add = op.always + (allowed ? op.reserve : 0);
        if (add !== 0) incr(op.key, add, op.ttlSeconds, at);
      }
      return { allowed, reads };
    },
    add(adds: readonly CounterAdd[]) {
      const at = now();
      for (const a of adds) if (a.amount !== 0) incr(a.key, a.amount, a.ttlSeconds, at);
    },
    size: () => counters.size,
  };
}
