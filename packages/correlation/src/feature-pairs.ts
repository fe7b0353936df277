/**
 * Numbering of the feature pairs `(i, j)`, `i < j`, in lexicographic (row-major upper-triangle)
 * order: pair `k` of `n` features. Internal helpers of the random generators.
 */
import { InvalidArgumentError } from '@synth/core';

/** Largest pair count handled: pair numbers are stored in Int32Array (2^31 − 1 ≈ 65,536 features). */
export const MAX_PAIRS = 2 ** 31 - 1;

/**
 * `n·(n − 1)/2`, the number of pairs `i < j` among `n` features.
 *
 * @throws InvalidArgumentError when the count exceeds {@link MAX_PAIRS}.
 */
export function pairCount(numFeatures: number): number {
  const pairs = (numFeatures * (numFeatures - 1)) / 2;
  if (pairs > MAX_PAIRS) {
    throw new InvalidArgumentError('numFeatures', 'at most 65,536 features (2^31 − 1 pairs) for a dense correlation', numFeatures);
  }
  return Math.max(pairs, 0);
}

/** Number of the first pair of row `i`, `(i, i + 1)`: `i·n − i·(i + 1)/2`. */
export function rowStart(numFeatures: number, i: number): number {
  return i * numFeatures - (i * (i + 1)) / 2;
}

/**
 * The pair `(i, j)` with number `k` (`0 <= k < n·(n − 1)/2`), by inverting {@link rowStart}:
 * a square-root estimate of the row, corrected by at most a step for rounding.
 */
export function pairAt(numFeatures: number, k: number): [number, number] {
  const b = 2 * numFeatures - 1;
  let i = Math.floor((b - Math.sqrt(b * b - 8 * k)) / 2);
  if (i < 0) i = 0;
  while (i > 0 && rowStart(numFeatures, i) > k) i--;
  while (rowStart(numFeatures, i + 1) <= k) i++;
  return [i, i + 1 + k - rowStart(numFeatures, i)];
}
