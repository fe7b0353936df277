/**
 * How the random distributions take their randomness: SAELens's `seed` argument, which in synth
 * may also be an `Rng` to draw from.
 */
import { InvalidArgumentError, Rng } from '@synth/core';

/**
 * Seed used by the random distributions when no seed is given.
 *
 * @example
 * ```ts
 * randomFiringProbabilities(8); // same as randomFiringProbabilities(8, { seed: DEFAULT_DISTRIBUTION_SEED })
 * ```
 * @throws Nothing (a constant).
 */
export const DEFAULT_DISTRIBUTION_SEED = 0;

/**
 * A seed (a non-negative safe integer or a bigint below 2^64; 0 is a real seed), or an `Rng`
 * that is drawn from directly (and advanced by exactly the words used).
 *
 * @example
 * ```ts
 * const seed: DistributionSeed = Rng.fromSeed(7).split('std-magnitudes');
 * ```
 * @throws Nothing (a type).
 */
export type DistributionSeed = number | bigint | Rng;

/**
 * The stream a random distribution draws from: `seed` itself when it is an `Rng`, otherwise the
 * child stream `purpose` of `Rng.fromSeed(seed ?? DEFAULT_DISTRIBUTION_SEED)`.
 *
 * @remarks
 * SAELens draws from torch's global generator (folded normal) or a fresh default-state generator
 * (random firing probabilities) when `seed` is None; synth has no unseeded randomness, so no seed
 * means {@link DEFAULT_DISTRIBUTION_SEED}. Streams differ from torch's: seeded results match SAELens
 * in distribution, not value.
 * @example
 * ```ts
 * const rng = resolveDistributionRng(42, 'folded-normal-magnitudes');
 * ```
 * @throws InvalidArgumentError when `seed` is neither an `Rng` nor a valid seed.
 */
export function resolveDistributionRng(seed: DistributionSeed | undefined, purpose: string): Rng {
  if (seed instanceof Rng) return seed;
  if (!(seed === undefined || typeof seed === 'number' || typeof seed === 'bigint')) {
    throw new InvalidArgumentError('seed', 'a non-negative safe integer, a bigint in [0, 2^64) or an Rng', seed);
  }
  return Rng.fromSeed(seed ?? DEFAULT_DISTRIBUTION_SEED).split(purpose);
}
