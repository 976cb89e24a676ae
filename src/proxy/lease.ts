/** Who still uses a loaded configuration. Each request holds its state's lease while it runs; a
 * reload retires the old state, whose Redis connection and tracers are closed once its last
 * request has finished (requests keep the state they started on). */

export interface Lease {
  acquire(): void;
  release(): void;
  /** No new requests will come; disposes now, or when the last one releases. Idempotent. */
  retire(): Promise<void>;
}

export function createLease(dispose: () => Promise<void>): Lease {
  let active = 0;
  let retired: Promise<void> | undefined;
  let disposeNow: (() => void) | undefined;
  return {
    acquire() {
      active++;
    },
    release() {
      if (--active === 0) disposeNow?.();
    },
    retire() {
      retired ??= new Promise<void>((resolve) => {
        disposeNow = () => {
          disposeNow = undefined;
          dispose().then(resolve, resolve);
        };
        if (active === 0) disposeNow();
      });
      return retired;
    },
  };
}
