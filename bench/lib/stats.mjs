// Summary statistics shared by the runner and the comparison (the Python peer computes the same).

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** { median, min, max, spread }: spread is (max − min) / median, the relative range of the runs. */
export function summarize(samples) {
  if (samples.length === 0) return { median: null, min: null, max: null, spread: null };
  const m = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { median: m, min, max, spread: m > 0 ? (max - min) / m : null };
}
