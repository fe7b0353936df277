/**
 * A random dense correlation matrix with per-pair Bernoulli structure (SPEC §1.5
 * `generate_random_correlation_matrix`).
 */
import { assertInteger, eigvalsh, identityMatrix } from '@synth/core';
import type { DenseMatrix } from '@synth/core';
import { REPAIR_BELOW_EIGENVALUE } from './create-correlation-matrix';
import { validateCorrelationParams } from './correlation-params';
import { pairCount } from './feature-pairs';
import { fixCorrelationMatrix } from './fix-correlation-matrix';
import type { RandomCorrelationsOptions } from './generate-random-correlations';
import { resolveRng } from './random-source';

/** Options of {@link generateRandomCorrelationMatrix} (the same as {@link generateRandomCorrelations}). */
export type RandomCorrelationMatrixOptions = RandomCorrelationsOptions;

/**
 * Draws a random `numFeatures × numFeatures` correlation matrix. For each pair `i < j` (in
 * row-major order) three uniforms are drawn from three consecutive blocks of the stream, `u1`
 * for every pair, then `u2`, then `u3`: the pair is correlated when `u1 >= uncorrelatedRatio`
 * (so ratio 1 gives exactly the identity), positive when `u2 < positiveRatio`, and its strength
 * is `min + u3·(max − min)`. The ratios are per-pair Bernoulli probabilities, not exact counts
 * (unlike {@link generateRandomCorrelations}). The matrix is repaired with
 * {@link fixCorrelationMatrix} only if its smallest eigenvalue is below −1e-6.
 *
 * @remarks
 * Same law as SAELens, not the same numbers (synth's Philox `Rng`, one 32-bit word per uniform;
 * seed 0 when neither `seed` nor `rng` is given). The uniforms are drawn one row at a time by
 * seeking in the stream, so memory is O(n²) for the matrix only, where SAELens holds six arrays of
 * `P` pairs. A given `rng` is advanced by exactly `3·P` words. Float64 (SAELens: float32).
 *
 * @example
 * ```ts
 * const c = generateRandomCorrelationMatrix(64, { uncorrelatedRatio: 0.5, seed: 1 });
 * c.rows; // 64, with c.data[i * 64 + i] === 1
 * ```
 * @throws InvalidArgumentError when `numFeatures` is not an integer >= 0, when a parameter
 * breaks {@link validateCorrelationParams}, or for a bad `seed`/`rng`.
 */
export function generateRandomCorrelationMatrix(numFeatures: number, options: RandomCorrelationMatrixOptions = {}): DenseMatrix {
  assertInteger('numFeatures', numFeatures, 0);
  const { positiveRatio, uncorrelatedRatio, minCorrelationStrength, maxCorrelationStrength } = validateCorrelationParams(options);
  const rng = resolveRng(options);
  const n = numFeatures;
  if (n <= 1) return identityMatrix(n);
  const total = pairCount(n);
  const start = rng.position;
  const correlatedDraws = rng.clone().seek(start);
  const signDraws = rng.clone().seek(start + total);
  const strengthDraws = rng.clone().seek(start + 2 * total);
  rng.seek(start + 3 * total);

  const span = maxCorrelationStrength - minCorrelationStrength;
  const u1 = new Float64Array(n);
  const u2 = new Float64Array(n);
  const u3 = new Float64Array(n);
  const data = identityMatrix(n).data;
  for (let i = 0; i < n - 1; i++) {
    const count = n - 1 - i;
    correlatedDraws.fillUniform(u1.subarray(0, count));
    signDraws.fillUniform(u2.subarray(0, count));
    strengthDraws.fillUniform(u3.subarray(0, count));
    for (let t = 0; t < count; t++) {
      if (!(u1[t]! >= uncorrelatedRatio)) continue;
      const strength = u3[t]! * span + minCorrelationStrength;
      const value = u2[t]! < positiveRatio ? strength : -strength;
      const j = i + 1 + t;
      data[i * n + j] = value;
      data[j * n + i] = value;
    }
  }
  const matrix: DenseMatrix = { rows: n, columns: n, data };
  return eigvalsh(matrix)[0]! < REPAIR_BELOW_EIGENVALUE ? fixCorrelationMatrix(matrix) : matrix;
}
