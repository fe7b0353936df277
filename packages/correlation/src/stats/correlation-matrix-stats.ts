/**
 * Summary statistics of a dense correlation matrix (SPEC §1.10 `CorrelationMatrixStats`,
 * `compute_correlation_matrix_stats`).
 */
import { InvalidArgumentError } from '@synth/core';
import type { DenseMatrix } from '@synth/core';
import { throwFirstNonFinite } from './non-finite';

/**
 * How strongly the features of a correlation matrix are correlated, over the `n(n − 1)`
 * off-diagonal entries (both triangles).
 */
export interface CorrelationMatrixStats {
  /** `sqrt(mean of C_ij²)` over `i ≠ j`. NaN when `numFeatures < 2`. */
  readonly rmsCorrelation: number;
  /** The signed mean of `C_ij` over `i ≠ j` (not absolute). NaN when `numFeatures < 2`. */
  readonly meanCorrelation: number;
  /** `n`, the number of rows (and columns). */
  readonly numFeatures: number;
}

/**
 * The RMS and the signed mean of the off-diagonal entries of a square matrix. The matrix need not
 * be symmetric, nor have a unit diagonal: every `C_ij` with `i ≠ j` counts once.
 *
 * @remarks
 * Sums run in float64 (SAELens reduces in the tensor's dtype, usually float32), so results agree
 * with SAELens to float32 rounding. With fewer than 2 features there are no off-diagonal entries;
 * like SAELens (the mean of an empty tensor) both statistics are then NaN rather than an error.
 * Deliberate difference: a non-finite entry throws, where SAELens would return NaN or ±∞.
 *
 * @example
 * ```ts
 * const stats = computeCorrelationMatrixStats(denseMatrixFromRows([[1, 0.5, 0], [0.5, 1, -0.5], [0, -0.5, 1]]));
 * stats.meanCorrelation; // 0 (the four ±0.5 and two 0 entries)
 * stats.rmsCorrelation;  // sqrt(4 · 0.25 / 6) ≈ 0.408
 * ```
 * @throws InvalidArgumentError when `matrix` is not a square {@link DenseMatrix} (rows =
 * columns, `data.length = rows²`), or names the first non-finite entry.
 */
export function computeCorrelationMatrixStats(matrix: DenseMatrix): CorrelationMatrixStats {
  assertSquareDenseMatrix(matrix);
  const n = matrix.rows;
  const { data } = matrix;
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < n; i++) {
    const rowStart = i * n;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const value = data[rowStart + j]!;
      sum += value;
      sumOfSquares += value * value;
    }
  }
  // One test at the end, not one per entry: NaN and ±∞ always leave a non-finite sum of squares.
  if (!Number.isFinite(sumOfSquares)) throwFirstNonFinite(data, 'matrix.data', (k) => k % (n + 1) !== 0);
  const offDiagonal = n * (n - 1);
  if (offDiagonal === 0) return { rmsCorrelation: Number.NaN, meanCorrelation: Number.NaN, numFeatures: n };
  return { rmsCorrelation: Math.sqrt(sumOfSquares / offDiagonal), meanCorrelation: sum / offDiagonal, numFeatures: n };
}

function assertSquareDenseMatrix(matrix: DenseMatrix): void {
  if (!(typeof matrix === 'object' && matrix !== null && (matrix as Partial<DenseMatrix>).data instanceof Float64Array)) {
    throw new InvalidArgumentError('matrix', 'a DenseMatrix (rows, columns, Float64Array data)', matrix);
  }
  const { rows, columns, data } = matrix;
  if (!(Number.isSafeInteger(rows) && rows >= 0 && columns === rows && data.length === rows * columns)) {
    throw new InvalidArgumentError('matrix', `a square matrix with rows² entries`, `a ${rows}×${columns} matrix of ${data.length} entries`, {
      detail: '(correlation_matrix must have shape (n, n))',
    });
  }
}
