/**
 * Zipfian (power-law) firing probabilities, min-max rescaled to [minProb, maxProb]
 * (SPEC §1.3 `zipfian_firing_probabilities`).
 */
import { InvalidArgumentError } from '@synth/core';
import { assertNumFeaturesAtLeastOne, assertProbabilityRange } from './firing-probability-validation';

/** Options of {@link zipfianFiringProbabilities}; defaults as SAELens. */
export interface ZipfianFiringProbabilityOptions {
  /** Zipf exponent, > 0 (higher: steeper drop-off). Default 1. */
  readonly exponent?: number | undefined;
  /** Probability of the first (most frequent) feature. Default 0.3. */
  readonly maxProb?: number | undefined;
  /** Probability of the last feature. Default 0.01. */
  readonly minProb?: number | undefined;
}

/**
 * `n` non-increasing probabilities `p_i = min + (max − min)·(z_i − z_n)/(z_1 − z_n)` with
 * `z_i = i^(−exponent)` for ranks `i = 1..n`, so `p[0] = maxProb` and `p[n−1] = minProb` exactly
 * (as float32). `n = 1` gives `[maxProb]`.
 *
 * @remarks
 * Computed in float64 and rounded once to float32, with `z_i − 1 = expm1(−exponent·ln i)` so
 * that small exponents keep their precision; the end points are exact. SAELens computes in
 * float32 (its end points can be one float32 step off, and exponents below about 1e-7 give NaN
 * there); results agree to float32 rounding of SAELens's own computation.
 * @example
 * ```ts
 * zipfianFiringProbabilities(4); // Float32Array [0.3, 0.10667, 0.04222, 0.01] (to float32)
 * zipfianFiringProbabilities(100, { exponent: 2, maxProb: 0.5, minProb: 0.001 });
 * ```
 * @throws InvalidArgumentError, checked in this order, containing "num_features must be at least 1",
 * "exponent must be positive" (also for NaN), or "Must have 0 < min_prob < max_prob <= 1".
 */
export function zipfianFiringProbabilities(numFeatures: number, options: ZipfianFiringProbabilityOptions = {}): Float32Array {
  const { exponent = 1, maxProb = 0.3, minProb = 0.01 } = options;
  assertNumFeaturesAtLeastOne(numFeatures);
  if (!(typeof exponent === 'number' && exponent > 0)) {
    throw new InvalidArgumentError('exponent', 'a number > 0', exponent, { detail: '(exponent must be positive)' });
  }
  assertProbabilityRange(minProb, maxProb, true);
  const probabilities = new Float32Array(numFeatures);
  probabilities[0] = maxProb;
  if (numFeatures === 1) return probabilities;
  // With e_i = z_i − 1 (e_1 = 0): (z_i − z_n)/(z_1 − z_n) = (e_i − e_n)/(−e_n). For n >= 2, e_n < 0
  // even for the smallest positive exponent (ln 2 > 1/2 keeps exponent·ln n from rounding to 0).
  const last = Math.expm1(-exponent * Math.log(numFeatures));
  const range = maxProb - minProb;
  for (let rank = 2; rank < numFeatures; rank++) {
    const fraction = (Math.expm1(-exponent * Math.log(rank)) - last) / -last;
    // The clamp only guards against a final float64 rounding above maxProb or below minProb.
    probabilities[rank - 1] = Math.min(maxProb, Math.max(minProb, minProb + range * fraction));
  }
  probabilities[numFeatures - 1] = minProb;
  return probabilities;
}
