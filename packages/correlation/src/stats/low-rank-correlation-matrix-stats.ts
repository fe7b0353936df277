/**
 * Correlation-matrix statistics of a low-rank correlation `C = F·Fᵀ + diag(D)` without forming
 * the n×n matrix (SPEC §1.10 `compute_low_rank_correlation_matrix_stats`).
 */
import { InvalidArgumentError } from '@synth/core';
import type { LowRankCorrelationMatrix } from '../low-rank-correlation-matrix';
import type { CorrelationMatrixStats } from './correlation-matrix-stats';
import { throwFirstNonFinite } from './non-finite';

/**
 * The statistics of {@link computeCorrelationMatrixStats} for `C = F·Fᵀ + diag(D)`, in
 * O(n·rank²) time and O(rank²) memory. Off the diagonal `C_ij = F_i·F_j`, so `D` is ignored and
 *
 * - `rms = sqrt((‖FᵀF‖_F² − Σ_i ‖F_i‖⁴) / (n(n − 1)))`, because `‖F·Fᵀ‖_F = ‖FᵀF‖_F`;
 * - `mean = (‖Σ_i F_i‖² − Σ_i ‖F_i‖²) / (n(n − 1))`, because `1ᵀ·C·1 = ‖Fᵀ·1‖²`.
 *
 * @remarks
 * Sums run in float64 (SAELens works in float32), and the difference under the square root is
 * clamped at 0: when every off-diagonal entry is 0 (a zero factor, or one non-zero row) rounding
 * could leave it slightly negative, where SAELens would return NaN. A zero factor gives exactly 0.
 * With fewer than 2 features both statistics are NaN, as in SAELens (0/0). `correlationDiag` is
 * not read, so it is not validated either.
 *
 * @example
 * ```ts
 * const lowRank = validateLowRankCorrelation(new Float32Array([0.6, 0.6, 0]), new Float32Array([0.64, 0.64, 1]), 3);
 * const stats = computeLowRankCorrelationMatrixStats(lowRank);
 * stats.meanCorrelation; // 2 · 0.36 / 6 = 0.12 (C_01 = C_10 = 0.36, the other four are 0)
 * ```
 * @throws InvalidArgumentError when `numFeatures` or `rank` is not an integer >= 0, when
 * `correlationFactor` is not a Float32Array or Float64Array of `numFeatures · rank` entries, or
 * naming its first non-finite entry.
 */
export function computeLowRankCorrelationMatrixStats(lowRank: LowRankCorrelationMatrix): CorrelationMatrixStats {
  const { numFeatures: n, rank, correlationFactor: factor } = checkedFactor(lowRank);
  const gram = new Float64Array(rank * rank); // upper triangle of FᵀF
  const columnSums = new Float64Array(rank);
  let sumOfRowNorms = 0; // Σ_i ‖F_i‖² = trace(F·Fᵀ)
  let sumOfSquaredRowNorms = 0; // Σ_i ‖F_i‖⁴ = Σ_i (F·Fᵀ)_ii²
  for (let i = 0; i < n; i++) {
    const rowStart = i * rank;
    let rowNorm = 0;
    for (let k = 0; k < rank; k++) {
      const f = factor[rowStart + k]!;
      rowNorm += f * f;
      columnSums[k]! += f;
      const gramRow = k * rank;
      for (let l = k; l < rank; l++) gram[gramRow + l]! += f * factor[rowStart + l]!;
    }
    sumOfRowNorms += rowNorm;
    sumOfSquaredRowNorms += rowNorm * rowNorm;
  }
  if (!Number.isFinite(sumOfSquaredRowNorms)) throwFirstNonFinite(factor, 'correlationFactor');
  let frobeniusSquared = 0; // ‖FᵀF‖_F², off-diagonal entries of the symmetric Gram matrix twice
  let sumOfAll = 0; // ‖Σ_i F_i‖² = 1ᵀ·F·Fᵀ·1
  for (let k = 0; k < rank; k++) {
    sumOfAll += columnSums[k]! * columnSums[k]!;
    const gramRow = k * rank;
    frobeniusSquared += gram[gramRow + k]! * gram[gramRow + k]!;
    for (let l = k + 1; l < rank; l++) frobeniusSquared += 2 * gram[gramRow + l]! * gram[gramRow + l]!;
  }
  const offDiagonal = n * (n - 1);
  if (offDiagonal === 0) return { rmsCorrelation: Number.NaN, meanCorrelation: Number.NaN, numFeatures: n };
  const offDiagonalSquares = Math.max(0, frobeniusSquared - sumOfSquaredRowNorms);
  return {
    rmsCorrelation: Math.sqrt(offDiagonalSquares / offDiagonal),
    meanCorrelation: (sumOfAll - sumOfRowNorms) / offDiagonal,
    numFeatures: n,
  };
}

function checkedFactor(lowRank: LowRankCorrelationMatrix): LowRankCorrelationMatrix {
  if (typeof lowRank !== 'object' || lowRank === null) {
    throw new InvalidArgumentError('lowRank', 'a LowRankCorrelationMatrix', lowRank);
  }
  const { numFeatures, rank, correlationFactor } = lowRank;
  for (const [name, value] of [['numFeatures', numFeatures], ['rank', rank]] as const) {
    if (!(Number.isSafeInteger(value) && value >= 0)) throw new InvalidArgumentError(`lowRank.${name}`, 'an integer >= 0', value);
  }
  if (!(correlationFactor instanceof Float32Array || correlationFactor instanceof Float64Array) || correlationFactor.length !== numFeatures * rank) {
    throw new InvalidArgumentError('correlationFactor', `a Float32Array or Float64Array of ${numFeatures}·${rank} entries`, correlationFactor, {
      detail: `(correlation_factor must have shape (${numFeatures}, ${rank}))`,
    });
  }
  return lowRank;
}
