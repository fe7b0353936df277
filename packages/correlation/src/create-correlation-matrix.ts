/**
 * A correlation matrix from a list of pairwise correlations (SPEC §1.5
 * `create_correlation_matrix_from_correlations`).
 */
import { InvalidArgumentError, assertInteger, eigvalsh } from '@synth/core';
import type { DenseMatrix } from '@synth/core';
import { fixCorrelationMatrix } from './fix-correlation-matrix';

/**
 * One pairwise correlation `[i, j, correlation]`: features `i` and `j` (distinct, in
 * `[0, numFeatures)`, either order) correlate at `correlation`, in [−1, 1]. SAELens's
 * `{(i, j): value}` dict becomes an array of these triples.
 */
export type CorrelationEntry = readonly [i: number, j: number, correlation: number];

/**
 * Repair happens when the smallest eigenvalue is below this (SAELens's threshold).
 *
 * @example
 * ```ts
 * if (eigvalsh(m)[0]! < REPAIR_BELOW_EIGENVALUE) m = fixCorrelationMatrix(m);
 * ```
 */
export const REPAIR_BELOW_EIGENVALUE = -1e-6;

/**
 * Builds the `numFeatures × numFeatures` correlation matrix with unit diagonal, every
 * off-diagonal entry at `defaultCorrelation`, and each listed pair written to `(i, j)` and
 * `(j, i)` (a later entry for the same pair wins). When the result has an eigenvalue below
 * −1e-6 it is repaired with {@link fixCorrelationMatrix}, which changes the off-diagonal values
 * (so the listed correlations then hold only approximately).
 *
 * @remarks
 * Stricter than SAELens: indices must be distinct integers in `[0, numFeatures)` (torch wraps a
 * negative index and raises IndexError past the end; `i = j` would overwrite the diagonal) and
 * correlations must lie in [−1, 1]. Computed in float64 (SAELens: float32).
 *
 * @example
 * ```ts
 * const m = createCorrelationMatrixFromCorrelations(3, [[0, 1, 0.8], [1, 2, -0.3]]);
 * m.data[0 * 3 + 1]; // 0.8
 * m.data[2 * 3 + 1]; // −0.3
 * ```
 * @throws InvalidArgumentError when `numFeatures` is not an integer >= 0, `defaultCorrelation`
 * is not in [−1, 1], or an entry has a bad index or correlation (named `correlations[k]`).
 */
export function createCorrelationMatrixFromCorrelations(
  numFeatures: number,
  correlations: Iterable<CorrelationEntry> = [],
  defaultCorrelation = 0,
): DenseMatrix {
  assertInteger('numFeatures', numFeatures, 0);
  assertCorrelationValue('defaultCorrelation', defaultCorrelation);
  const n = numFeatures;
  const data = new Float64Array(n * n).fill(defaultCorrelation);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  let k = 0;
  for (const entry of correlations) {
    const [i, j, correlation] = entry;
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new InvalidArgumentError(`correlations[${k}][0]`, `a feature index in [0, ${n})`, i);
    if (!(Number.isInteger(j) && j >= 0 && j < n && j !== i)) {
      throw new InvalidArgumentError(`correlations[${k}][1]`, `a feature index in [0, ${n}) other than ${i}`, j);
    }
    assertCorrelationValue(`correlations[${k}][2]`, correlation);
    data[i * n + j] = correlation;
    data[j * n + i] = correlation;
    k++;
  }
  // Written symmetrically, so SAELens's `(M + Mᵀ)/2` step is the identity here.
  const matrix: DenseMatrix = { rows: n, columns: n, data };
  if (n === 0) return matrix;
  const smallest = eigvalsh(matrix)[0]!;
  return smallest < REPAIR_BELOW_EIGENVALUE ? fixCorrelationMatrix(matrix) : matrix;
}

function assertCorrelationValue(parameter: string, value: unknown): void {
  if (!(typeof value === 'number' && value >= -1 && value <= 1)) {
    throw new InvalidArgumentError(parameter, 'a correlation in [-1, 1]', value);
  }
}
