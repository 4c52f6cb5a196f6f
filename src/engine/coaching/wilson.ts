/** z for a two-sided 80 % interval: the 90th percentile of the standard normal. */
export const Z80 = 1.2815515655446004;

/** A proportion's confidence interval; both ends lie in [0, 1]. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for `successes` out of `trials`; null without trials.
 * Successes above trials (a later stage dated into the window without its earlier one) are
 * capped at trials, so the interval stays a proportion's.
 */
export function wilson(successes: number, trials: number, z = Z80): Interval | null {
  if (trials <= 0) return null;
  const n = trials;
  const p = Math.min(Math.max(successes, 0), n) / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 and p = 1 the interval touches 0 and 1 exactly; say so rather than leave rounding dust.
  return { low: p === 0 ? 0 : Math.max(0, center - half), high: p === 1 ? 1 : Math.min(1, center + half) };
}
