/** The two statistics the bench reports: a nearest-rank percentile and the median of rounds. */

/** Nearest-rank percentile (`p` in 0–100) of unsorted samples; NaN for none. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** The median of the rounds, ignoring missing values; undefined when none is present. */
export function median(values: readonly (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return present.length === 0 ? undefined : percentile(present, 50);
}
