/**
 * Firing probabilities as the copula sampler takes them: one number for every feature, or one per
 * feature (SPEC §1.6 `_to_tensor`, plus the range check SAELens leaves out).
 */
import { InvalidArgumentError, assertAllInRange, assertInRange } from '@synth/core';

/**
 * A `Float64Array` of `numFeatures` probabilities from one number or a per-feature array, each
 * checked to lie in [0, 1].
 *
 * @remarks
 * SAELens does not range-check probabilities (torch's Bernoulli errors later; the copula path
 * silently gives NaN thresholds); synth rejects them here.
 *
 * @example
 * ```ts
 * resolveFiringProbabilities(0.25, 3); // Float64Array [0.25, 0.25, 0.25]
 * ```
 * @throws InvalidArgumentError with "Value must be a tensor of shape (n,) or a float" for a
 * wrong length, or naming `firingProbabilities[i]` for an entry outside [0, 1] or NaN.
 */
export function resolveFiringProbabilities(firingProbabilities: number | ArrayLike<number>, numFeatures: number): Float64Array {
  const probabilities =
    typeof firingProbabilities === 'number'
      ? new Float64Array(numFeatures).fill(firingProbabilities)
      : isArrayLike(firingProbabilities) && firingProbabilities.length === numFeatures
        ? Float64Array.from(firingProbabilities)
        : undefined;
  if (probabilities === undefined) {
    throw new InvalidArgumentError('firingProbabilities', `a number or ${numFeatures} numbers`, firingProbabilities, {
      detail: `(Value must be a tensor of shape (${numFeatures},) or a float)`,
    });
  }
  if (typeof firingProbabilities === 'number') assertInRange('firingProbabilities', firingProbabilities, 0, 1);
  else assertAllInRange('firingProbabilities', probabilities, 0, 1);
  return probabilities;
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return typeof value === 'object' && value !== null && typeof (value as { length?: unknown }).length === 'number';
}
