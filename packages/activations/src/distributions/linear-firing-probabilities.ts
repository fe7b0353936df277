/**
 * Firing probabilities decaying linearly from maxProb to minProb (SPEC §1.3
 * `linear_firing_probabilities`).
 */
import { linspace } from '@synth/core';
import { assertNumFeaturesAtLeastOne, assertProbabilityRange } from './firing-probability-validation';

/** Options of {@link linearFiringProbabilities}; defaults as SAELens. */
export interface LinearFiringProbabilityOptions {
  /** Probability of the first feature. Default 0.3. */
  readonly maxProb?: number | undefined;
  /** Probability of the last feature; may equal `maxProb`. Default 0.01. */
  readonly minProb?: number | undefined;
}

/**
 * `torch.linspace(maxProb, minProb, n)`: evenly spaced, descending, both end points exact.
 * `n = 1` gives `[maxProb]`; equal bounds give a constant vector.
 *
 * @remarks
 * Computed with torch's linspace kernel in float64 (`linspace` from `@synth/core`) and rounded
 * once to float32; SAELens computes in float32, so values agree to float32 rounding.
 * @example
 * ```ts
 * linearFiringProbabilities(3, { maxProb: 0.3, minProb: 0.1 }); // Float32Array [0.3, 0.2, 0.1]
 * ```
 * @throws InvalidArgumentError, checked in this order, containing "num_features must be at least 1"
 * or "Must have 0 < min_prob <= max_prob <= 1".
 */
export function linearFiringProbabilities(numFeatures: number, options: LinearFiringProbabilityOptions = {}): Float32Array {
  const { maxProb = 0.3, minProb = 0.01 } = options;
  assertNumFeaturesAtLeastOne(numFeatures);
  assertProbabilityRange(minProb, maxProb, false);
  return Float32Array.from(linspace(maxProb, minProb, numFeatures));
}
