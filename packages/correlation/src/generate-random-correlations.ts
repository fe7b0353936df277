/**
 * Random pairwise correlations with exact counts (SPEC §1.5 `generate_random_correlations`).
 */
import { assertInteger } from '@synth/core';
import type { CorrelationEntry } from './create-correlation-matrix';
import { validateCorrelationParams, type CorrelationParams } from './correlation-params';
import { pairAt, pairCount } from './feature-pairs';
import { resolveRng, type RandomSource } from './random-source';

/** Options of {@link generateRandomCorrelations}: the {@link CorrelationParams} and a seed or stream. */
export interface RandomCorrelationsOptions extends Partial<CorrelationParams>, RandomSource {}

/**
 * Draws pairwise correlations for `numFeatures` features. Of the `P = n·(n − 1)/2` pairs
 * `i < j`, exactly `floor(P·uncorrelatedRatio)` are left out; the others are chosen uniformly
 * without replacement, exactly `floor(nCorrelated·positiveRatio)` of them (at random) are
 * positive, and each strength is uniform in `[minCorrelationStrength, maxCorrelationStrength)`.
 * Feed the result to {@link createCorrelationMatrixFromCorrelations}.
 *
 * @remarks
 * Same law as SAELens, not the same numbers: SAELens draws from Python's Mersenne Twister, synth
 * from its seeded Philox `Rng` (pairs by a partial Fisher–Yates, then a Fisher–Yates shuffle of
 * the signs, then one 53-bit uniform per strength, in that order). Without `seed` or `rng`,
 * seed 0 is used where SAELens would draw fresh entropy. Entries come in the order the pairs were
 * drawn, each as `[i, j, correlation]` with `i < j`.
 *
 * @example
 * ```ts
 * const entries = generateRandomCorrelations(16, { uncorrelatedRatio: 0.3, positiveRatio: 0.7, seed: 42 });
 * entries.length; // 84 = 120 − floor(120 · 0.3)
 * const matrix = createCorrelationMatrixFromCorrelations(16, entries);
 * ```
 * @throws InvalidArgumentError when `numFeatures` is not an integer >= 0 (or has more than
 * 2^31 − 1 pairs), when a parameter breaks {@link validateCorrelationParams}, or for a bad
 * `seed`/`rng`.
 */
export function generateRandomCorrelations(numFeatures: number, options: RandomCorrelationsOptions = {}): CorrelationEntry[] {
  assertInteger('numFeatures', numFeatures, 0);
  const rng = resolveRng(options);
  const { positiveRatio, uncorrelatedRatio, minCorrelationStrength, maxCorrelationStrength } = validateCorrelationParams(options);
  const total = pairCount(numFeatures);
  if (total === 0) return [];
  const numCorrelated = total - Math.floor(total * uncorrelatedRatio);
  const chosen = rng.sampleWithoutReplacement(total, numCorrelated);
  const numPositive = Math.floor(numCorrelated * positiveRatio);
  const signs = new Int8Array(numCorrelated).fill(-1).fill(1, 0, numPositive);
  rng.shuffle(signs);
  const span = maxCorrelationStrength - minCorrelationStrength;
  const entries: CorrelationEntry[] = [];
  for (let k = 0; k < numCorrelated; k++) {
    const [i, j] = pairAt(numFeatures, chosen[k]!);
    const strength = minCorrelationStrength + span * rng.nextFloat64();
    entries.push([i, j, signs[k]! * strength]);
  }
  return entries;
}
