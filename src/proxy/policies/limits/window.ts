/** Window arithmetic for rate limits, shared by both counter stores. Windows are aligned to the
 * epoch (a 60 s window starts at every whole minute), so every proxy agrees on where one starts.
 *
 * Kong's sliding window: the rate is the previous window's count, weighted by how much of it still
 * overlaps the last `window` seconds, plus the current window's count:
 *   rate = previous × (window − elapsed) / window + current
 * A fixed window counts only the current window. */

export type WindowMode = 'sliding' | 'fixed';

export interface WindowView {
  /** Start of the current window, in whole seconds since the epoch. */
  readonly start: number;
  /** Seconds into the current window (fractional). */
  readonly elapsed: number;
  /** Share of the previous window still counted: 0 for a fixed window. */
  readonly weight: number;
}

/** Start of the window holding `nowMs`, in whole seconds since the epoch. */
export function windowStart(nowMs: number, windowSeconds: number): number {
  return Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
}

export function windowAt(nowMs: number, windowSeconds: number, mode: WindowMode): WindowView {
  const now = nowMs / 1000;
  const start = windowStart(nowMs, windowSeconds);
  const elapsed = now - start;
  return { start, elapsed, weight: mode === 'sliding' ? (windowSeconds - elapsed) / windowSeconds : 0 };
}

export function rateOf(view: WindowView, previous: number, current: number): number {
  return previous * view.weight + current;
}

/** Seconds until the current window ends (X-AI-RateLimit-Reset for a fixed window). */
export function secondsToWindowEnd(view: WindowView, windowSeconds: number): number {
  return Math.max(1, Math.ceil(windowSeconds - view.elapsed));
}

/**
 * Seconds to wait, with no new traffic, until the rate has fallen to `target` or below. For a
 * sliding window the previous window's weight decays through the current window, then the current
 * window becomes the previous one and decays in turn; that is why Kong's docs warn that a sliding
 * window's Retry-After can be longer than the time left in the window.
 */
export function secondsUntilRate(view: WindowView, windowSeconds: number, mode: WindowMode, previous: number, current: number, target: number): number {
  const w = windowSeconds;
  const left = w - view.elapsed;
  if (mode === 'fixed') return Math.max(1, Math.ceil(left));
  if (rateOf(view, previous, current) <= target) return 0;
  let t: number;
  if (current <= target) {
    // The previous window's share decays enough before this window ends.
    t = left - (w * (target - current)) / previous;
  } else {
    // Wait for this window to end, then for its own share to decay.
    t = left + (target <= 0 ? w : w * (1 - target / current));
  }
  return Math.max(1, Math.ceil(t));
}
