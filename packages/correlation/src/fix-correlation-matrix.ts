/**
 * The nearest-positive-semi-definite repair of a correlation matrix (SPEC §1.5
 * `_fix_correlation_matrix`).
 */
import { clipEigenvalues, rescaleToUnitDiagonal, symmetrize } from '@synth/core';
import type { DenseMatrix } from '@synth/core';

/**
 * Eigenvalues below this are raised to it by {@link fixCorrelationMatrix} (SAELens's default).
 *
 * @example
 * ```ts
 * fixCorrelationMatrix(matrix, MIN_EIGENVALUE); // the default
 * ```
 */
export const MIN_EIGENVALUE = 1e-6;

/**
 * Lifts the eigenvalues of `matrix` to at least `minEigenvalue` (`V·diag(max(λ, min))·Vᵀ`), then
 * rescales to a unit diagonal (`M_ij / sqrt(d_i·d_j)`, `d = max(diag, 1e-8)`) and sets the
 * diagonal to exactly 1. The result is symmetric, unit-diagonal and positive semi-definite;
 * off-diagonal entries generally change, and zeros may become non-zero.
 *
 * @remarks
 * The input is symmetrised first, `(M + Mᵀ)/2`, where `torch.linalg.eigh` silently reads only
 * the lower triangle; for the symmetric matrices SAELens passes in, the two agree. Computed in
 * float64 (SAELens: float32), so results agree with the reference to float32 rounding.
 *
 * @example
 * ```ts
 * // Three features pairwise at −0.9 cannot all be so anti-correlated: λ_min = −0.8.
 * const fixed = fixCorrelationMatrix(denseMatrix(3, 3, [1, -0.9, -0.9, -0.9, 1, -0.9, -0.9, -0.9, 1]));
 * fixed.data[1]; // −0.5 (to about 1e-6): the closest valid value
 * ```
 * @throws InvalidArgumentError when `matrix` is not square, has a non-finite entry (through the
 * eigen-solver) or `minEigenvalue` is not a finite number >= 0.
 */
export function fixCorrelationMatrix(matrix: DenseMatrix, minEigenvalue = MIN_EIGENVALUE): DenseMatrix {
  return rescaleToUnitDiagonal(clipEigenvalues(symmetrize(matrix), minEigenvalue));
}
