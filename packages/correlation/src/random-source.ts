/**
 * How the random generators of this package take their randomness: an explicit `Rng`, or a
 * `seed` that builds one.
 */
import { InvalidArgumentError, Rng } from '@synth/core';

/**
 * Seed used when neither `seed` nor `rng` is given.
 *
 * @example
 * ```ts
 * generateRandomCorrelations(8); // same as generateRandomCorrelations(8, { seed: DEFAULT_SEED })
 * ```
 */
export const DEFAULT_SEED = 0;

/** Where a generator draws from: give `rng` to continue a stream, or `seed` to start one. */
export interface RandomSource {
  /** Seed of a fresh `Rng.fromSeed(seed)` stream (0 is a real seed). Not allowed together with `rng`. */
  readonly seed?: number | bigint;
  /** A stream to draw from; it is advanced by exactly the words used. */
  readonly rng?: Rng;
}

/**
 * The stream a generator draws from: `options.rng` itself (advanced by the caller's draws), or
 * `Rng.fromSeed(options.seed ?? DEFAULT_SEED)`.
 *
 * @remarks
 * SAELens draws fresh entropy when `seed` is None; synth never does (there is no unseeded
 * randomness in synth), so leaving both out means seed 0.
 *
 * @throws InvalidArgumentError when both `seed` and `rng` are given, or `rng` is not an `Rng`.
 */
export function resolveRng(options: RandomSource): Rng {
  if (options.rng !== undefined) {
    if (options.seed !== undefined) {
      throw new InvalidArgumentError('seed', 'to be left out when rng is given', options.seed);
    }
    if (!(options.rng instanceof Rng)) throw new InvalidArgumentError('rng', 'an Rng from @synth/core', options.rng);
    return options.rng;
  }
  return Rng.fromSeed(options.seed ?? DEFAULT_SEED);
}
