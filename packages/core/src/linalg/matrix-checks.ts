/**
 * Shape and symmetry checks shared by the factorizations. Internal: not part of the public API.
 */
import { InvalidArgumentError, ValidationError } from '../errors';
import type { DenseMatrix } from './dense-matrix';

/**
 * Default relative tolerance of {@link assertSymmetric}: entries may differ by `1e-8 · max|a|`.
 * About √ε (1.5e-8), so a float64 matrix built as `(M + Mᵀ)/2` or `B·Bᵀ` always passes, while a
 * matrix with a real asymmetry fails. Float32 data that was only symmetric to float32 rounding
 * (~6e-8) needs a looser tolerance or a {@link symmetrize} first.
 */
export const DEFAULT_SYMMETRY_TOLERANCE = 1e-8;

/**
 * Asserts that `matrix` is square and returns its size.
 *
 * @throws InvalidArgumentError naming `parameter` when it is not square.
 */
export function assertSquare(parameter: string, matrix: DenseMatrix): number {
  if (matrix.rows !== matrix.columns) {
    throw new InvalidArgumentError(parameter, 'a square matrix', `${matrix.rows}×${matrix.columns}`);
  }
  return matrix.rows;
}

/**
 * Asserts `|a_ij − a_ji| <= tolerance · max|a|` for every pair (NaN fails).
 *
 * @throws ValidationError naming the first pair that differs.
 */
export function assertSymmetric(name: string, matrix: DenseMatrix, tolerance = DEFAULT_SYMMETRY_TOLERANCE): void {
  const n = matrix.rows;
  const a = matrix.data;
  let scale = 0;
  for (let k = 0; k < a.length; k++) scale = Math.max(scale, Math.abs(a[k]!));
  const allowed = tolerance * scale;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const upper = a[j * n + i]!;
      const lower = a[i * n + j]!;
      if (!(Math.abs(upper - lower) <= allowed)) {
        throw new ValidationError(
          `${name} must be symmetric: entries [${i}, ${j}] = ${lower} and [${j}, ${i}] = ${upper} differ by more than ${allowed}.`,
        );
      }
    }
  }
}
