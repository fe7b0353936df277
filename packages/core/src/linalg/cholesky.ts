/**
 * Cholesky factorization `A = L·Lᵀ` of a symmetric positive definite matrix.
 */
import { ValidationError } from '../errors';
import type { DenseMatrix } from './dense-matrix';
import { DEFAULT_SYMMETRY_TOLERANCE, assertSquare, assertSymmetric } from './matrix-checks';

/** Options of {@link cholesky}. */
export interface CholeskyOptions {
  /** What the matrix is, for error messages (default `'Matrix'`, e.g. `'Correlation matrix'`). */
  readonly name?: string;
  /** Relative tolerance of the symmetry check: `|a_ij − a_ji| <= tolerance · max|a|` (default 1e-8). */
  readonly symmetryTolerance?: number;
}

/**
 * The lower-triangular Cholesky factor `L` (positive diagonal) with `L·Lᵀ = A`.
 *
 * @remarks
 * Written out here (Cholesky–Banachiewicz, row by row) rather than taken from ml-matrix, whose
 * `CholeskyDecomposition` only reports a boolean: the error names the pivot that failed, which
 * tells a user how far from positive definite their matrix is. Unlike `torch.linalg.cholesky`,
 * which silently reads only the lower triangle, the input must be symmetric.
 *
 * @example
 * ```ts
 * const l = cholesky(denseMatrix(2, 2, [4, 2, 2, 5]));
 * l.data; // Float64Array [2, 0, 1, 2]
 * cholesky(denseMatrix(2, 2, [1, 2, 2, 1]), { name: 'Correlation matrix' });
 * // throws ValidationError: Correlation matrix must be positive definite: pivot 1 is -3 …
 * ```
 * @throws InvalidArgumentError when `a` is not square.
 * @throws ValidationError when `a` is not symmetric, or with "<name> must be positive definite"
 * naming the pivot index and value when a pivot is not > 0 (NaN included).
 */
export function cholesky(a: DenseMatrix, options: CholeskyOptions = {}): DenseMatrix {
  const name = options.name ?? 'Matrix';
  const n = assertSquare('a', a);
  assertSymmetric(name, a, options.symmetryTolerance ?? DEFAULT_SYMMETRY_TOLERANCE);
  const source = a.data;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = source[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) {
          throw new ValidationError(
            `${name} must be positive definite: pivot ${i} is ${sum} (it must be > 0), so the leading ${i + 1}×${i + 1} block is not positive definite.`,
          );
        }
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  return { rows: n, columns: n, data: l };
}
