/**
 * Checks that a dense matrix is a valid correlation matrix for the copula sampler (SPEC §1.6
 * `_validate_correlation_matrix`), accepting the input forms synth supports.
 */
import { InvalidArgumentError, ValidationError, assertInteger, cholesky } from '@synth/core';
import type { DenseMatrix } from '@synth/core';

/**
 * A dense correlation matrix: a {@link DenseMatrix}, or a row-major `Float32Array` /
 * `Float64Array` of `numFeatures²` entries (its size comes from the context: the
 * `numFeatures` argument or the number of firing probabilities). For a tfjs tensor, read it
 * with {@link correlationMatrixFromTensor} first.
 */
export type CorrelationMatrixInput = DenseMatrix | Float32Array | Float64Array;

/** `torch.allclose` defaults, used for the unit-diagonal check: `|d − 1| <= atol + rtol·1`. */
const DIAGONAL_RTOL = 1e-5;
const DIAGONAL_ATOL = 1e-8;
/**
 * Allowed asymmetry, relative to the largest entry. torch's Cholesky reads only the lower
 * triangle, so SAELens accepts float32 products such as `V·diag(λ)·Vᵀ` that are symmetric only to
 * rounding (~1e-7); 1e-5 (the diagonal's rtol) admits those and rejects real asymmetry.
 */
const SYMMETRY_TOLERANCE = 1e-5;

/**
 * `input` as a float64 {@link DenseMatrix} of shape `numFeatures × numFeatures` (copied from a
 * typed array; a `DenseMatrix` is returned as is).
 *
 * @example
 * ```ts
 * toCorrelationDenseMatrix(new Float32Array([1, 0.5, 0.5, 1]), 2).rows; // 2
 * ```
 * @throws InvalidArgumentError with "Correlation matrix must have shape (n, n)" when the shape
 * or length is wrong.
 */
export function toCorrelationDenseMatrix(input: CorrelationMatrixInput, numFeatures: number): DenseMatrix {
  assertInteger('numFeatures', numFeatures, 0);
  const n = numFeatures;
  const detail = (got: string) => `(Correlation matrix must have shape (${n}, ${n}), got ${got})`;
  if (input instanceof Float32Array || input instanceof Float64Array) {
    if (input.length !== n * n) {
      throw new InvalidArgumentError('correlationMatrix', `${n * n} entries (${n}×${n}, row-major)`, input, {
        detail: detail(`${input.length} entries`),
      });
    }
    return { rows: n, columns: n, data: Float64Array.from(input) };
  }
  if (!(typeof input === 'object' && input !== null && input.data instanceof Float64Array)) {
    throw new InvalidArgumentError('correlationMatrix', 'a DenseMatrix, Float32Array or Float64Array', input);
  }
  if (input.rows !== n || input.columns !== n || input.data.length !== n * n) {
    throw new InvalidArgumentError('correlationMatrix', `a ${n}×${n} matrix`, `${input.rows}×${input.columns}`, {
      detail: detail(`(${input.rows}, ${input.columns})`),
    });
  }
  return input;
}

/**
 * Checks that `matrix` is a `numFeatures × numFeatures` correlation matrix: the shape, a unit
 * diagonal (within `torch.allclose`'s rtol 1e-5, atol 1e-8) and positive definiteness (a Cholesky
 * factorization succeeds). Returns that lower Cholesky factor `L` (`C = L·Lᵀ`), which the dense
 * copula sampler reuses.
 *
 * @remarks
 * Stricter than SAELens: the matrix must also be symmetric (to 1e-5 of its largest entry), where
 * torch's Cholesky silently reads only the lower triangle; NaN entries fail.
 *
 * @example
 * ```ts
 * validateCorrelationMatrix(denseMatrix(2, 2, [1, 0.5, 0.5, 1]), 2); // L = [[1, 0], [0.5, 0.866…]]
 * validateCorrelationMatrix(denseMatrix(2, 2, [1, 2, 2, 1]), 2);
 * // throws ValidationError: Correlation matrix must be positive definite: pivot 1 is -3 …
 * ```
 * @throws InvalidArgumentError with "Correlation matrix must have shape (n, n), got …".
 * @throws ValidationError with "Correlation matrix diagonal must be all 1s", "Correlation matrix
 * must be symmetric" or "Correlation matrix must be positive definite".
 */
export function validateCorrelationMatrix(matrix: CorrelationMatrixInput, numFeatures: number): DenseMatrix {
  const dense = toCorrelationDenseMatrix(matrix, numFeatures);
  const n = dense.rows;
  for (let i = 0; i < n; i++) {
    const d = dense.data[i * n + i]!;
    if (!(Math.abs(d - 1) <= DIAGONAL_ATOL + DIAGONAL_RTOL)) {
      throw new ValidationError(`Correlation matrix diagonal must be all 1s: entry [${i}, ${i}] is ${d}.`);
    }
  }
  return cholesky(dense, { name: 'Correlation matrix', symmetryTolerance: SYMMETRY_TOLERANCE });
}
