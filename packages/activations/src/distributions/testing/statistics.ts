/**
 * Goodness-of-fit helpers for the seeded statistical tests of the random distributions.
 */

/** Kolmogorov–Smirnov statistic `sup |F_n(x) − F(x)|` of `samples` against the continuous `cdf`. */
export function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/**
 * The asymptotic KS critical value at level `alpha`: `sqrt(−ln(alpha/2)/2)/sqrt(n)` (from the
 * Kolmogorov distribution's tail `2·exp(−2t²)`; accurate for n in the thousands and above).
 */
export function ksCritical(n: number, alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** Mean of `values` (in float64). */
export function mean(values: ArrayLike<number>, transform: (x: number) => number = (x) => x): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += transform(values[i]!);
  return sum / values.length;
}
