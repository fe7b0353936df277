/**
 * Building blocks of the nearest-correlation repair (SPEC §1.5 `_fix_correlation_matrix`):
 * clip the eigenvalues, then rescale to a unit diagonal. Composed, they turn any symmetric matrix
 * into a symmetric, unit-diagonal, positive semi-definite one.
 */
import { InvalidArgumentError } from '../errors';
import type { DenseMatrix } from './dense-matrix';
import { eigh } from './eigh';
import { assertSquare } from './matrix-checks';

/**
 * `V·diag(max(λ, minEigenvalue))·Vᵀ` from the eigen-decomposition of a symmetric matrix.
 *
 * @remarks
 * Only the lower triangle is computed and mirrored, so the result is exactly symmetric (the
 * reference's float32 product is only symmetric to rounding).
 *
 * @example
 * ```ts
 * // eigenvalues 3 and -1: the -1 is raised to 1e-6
 * clipEigenvalues(denseMatrix(2, 2, [1, 2, 2, 1]));
 * ```
 * @throws InvalidArgumentError when `matrix` is not square or `minEigenvalue` is not a finite
 * number >= 0.
 * @throws ValidationError when `matrix` is not symmetric.
 */
export function clipEigenvalues(matrix: DenseMatrix, minEigenvalue = 1e-6): DenseMatrix {
  if (!(minEigenvalue >= 0 && minEigenvalue < Infinity)) {
    throw new InvalidArgumentError('minEigenvalue', 'a finite number >= 0', minEigenvalue);
  }
  const { values, vectors } = eigh(matrix);
  const n = values.length;
  const v = vectors.data;
  const clipped = values.map((lambda) => Math.max(lambda, minEigenvalue));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += v[i * n + k]! * clipped[k]! * v[j * n + k]!;
      out[i * n + j] = sum;
      out[j * n + i] = sum;
    }
  }
  return { rows: n, columns: n, data: out };
}

/**
 * `M_ij / sqrt(d_i·d_j)` with `d = max(diag(M), minDiagonal)`, then the diagonal set to exactly 1.
 *
 * @example
 * ```ts
 * rescaleToUnitDiagonal(denseMatrix(2, 2, [4, 1, 1, 1])).data; // Float64Array [1, 0.5, 0.5, 1]
 * ```
 * @throws InvalidArgumentError when `matrix` is not square or `minDiagonal` is not a finite
 * number > 0.
 */
export function rescaleToUnitDiagonal(matrix: DenseMatrix, minDiagonal = 1e-8): DenseMatrix {
  if (!(minDiagonal > 0 && minDiagonal < Infinity)) {
    throw new InvalidArgumentError('minDiagonal', 'a finite number > 0', minDiagonal);
  }
  const n = assertSquare('matrix', matrix);
  const a = matrix.data;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = Math.max(a[i * n + i]!, minDiagonal);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = i === j ? 1 : a[i * n + j]! / Math.sqrt(d[i]! * d[j]!);
  }
  return { rows: n, columns: n, data: out };
}
