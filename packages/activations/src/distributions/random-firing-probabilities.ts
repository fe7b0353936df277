/**
 * Firing probabilities drawn uniformly from [minProb, maxProb) (SPEC §1.3
 * `random_firing_probabilities`).
 */
import { InvalidArgumentError, Rng } from '@synth/core';
import { resolveDistributionRng } from './distribution-seed';
import { assertNumFeaturesAtLeastOne, assertProbabilityRange } from './firing-probability-validation';

/** Options of {@link randomFiringProbabilities}; defaults as SAELens. Give `seed` or `rng`, not both. */
export interface RandomFiringProbabilityOptions {
  /** Upper bound (excluded). Default 0.5. */
  readonly maxProb?: number | undefined;
  /** Lower bound (included). Default 0.01. */
  readonly minProb?: number | undefined;
  /** Seed of the draw (0 is a real seed). Default {@link DEFAULT_DISTRIBUTION_SEED}. */
  readonly seed?: number | bigint | undefined;
  /** A stream to draw from instead; it is advanced by `numFeatures` words. */
  readonly rng?: Rng | undefined;
}

/** Stream name under the seed, so other draws from the same seed are independent of this one. */
const PURPOSE = 'random-firing-probabilities';

/**
 * `n` independent probabilities, each uniform on `[minProb, maxProb)`: 24-bit float32 uniforms,
 * at least `Math.fround(minProb)` and always below `maxProb` (where both bounds round to the same
 * float32, the largest float32 below `maxProb`).
 *
 * @remarks
 * Same law as SAELens (`min + (max − min)·U[0, 1)`), different stream: synth's seeded Philox
 * streams differ from torch's, so values differ for the same seed. Without a seed SAELens uses a
 * fresh default-state torch generator; synth uses {@link DEFAULT_DISTRIBUTION_SEED}.
 * @example
 * ```ts
 * const probabilities = randomFiringProbabilities(1000, { maxProb: 0.2, minProb: 0.05, seed: 42 });
 * ```
 * @throws InvalidArgumentError, checked in this order, containing "num_features must be at least 1"
 * or "Must have 0 < min_prob < max_prob <= 1"; or when both `seed` and `rng` are given.
 */
export function randomFiringProbabilities(numFeatures: number, options: RandomFiringProbabilityOptions = {}): Float32Array {
  const { maxProb = 0.5, minProb = 0.01, seed, rng } = options;
  assertNumFeaturesAtLeastOne(numFeatures);
  assertProbabilityRange(minProb, maxProb, true);
  if (rng !== undefined) {
    if (seed !== undefined) throw new InvalidArgumentError('seed', 'to be left out when rng is given', seed);
    if (!(rng instanceof Rng)) throw new InvalidArgumentError('rng', 'an Rng from @synth/core', rng);
  }
  const source = resolveDistributionRng(rng ?? seed, PURPOSE);
  return source.fillUniform(new Float32Array(numFeatures), minProb, maxProb);
}
