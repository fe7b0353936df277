/**
 * Small dense matrix operations: transpose, product and symmetric part. Plain loops on the
 * row-major `Float64Array`s; the sizes here (correlation matrices) never need a BLAS.
 */
import { InvalidArgumentError } from '../errors';
import type { DenseMatrix } from './dense-matrix';
import { assertSquare } from './matrix-checks';

/**
 * The transpose `Aᵀ`.
 *
 * @example
 * ```ts
 * transpose(denseMatrix(2, 3, [1, 2, 3, 4, 5, 6])); // 3 × 2: [[1, 4], [2, 5], [3, 6]]
 * ```
 * @throws Never.
 */
export function transpose(matrix: DenseMatrix): DenseMatrix {
  const { rows, columns, data } = matrix;
  const out = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) out[j * rows + i] = data[i * columns + j]!;
  }
  return { rows: columns, columns: rows, data: out };
}

/**
 * The matrix product `A·B`.
 *
 * @example
 * ```ts
 * matmul(denseMatrix(1, 2, [1, 2]), denseMatrix(2, 1, [3, 4])).data; // Float64Array [11]
 * ```
 * @throws InvalidArgumentError when `a.columns !== b.rows`.
 */
export function matmul(a: DenseMatrix, b: DenseMatrix): DenseMatrix {
  if (a.columns !== b.rows) {
    throw new InvalidArgumentError('b', `a matrix with ${a.columns} rows (a.columns)`, `${b.rows}×${b.columns}`);
  }
  const { rows, columns: inner } = a;
  const columns = b.columns;
  const out = new Float64Array(rows * columns);
  // i-k-j order: the inner loop walks rows of B and of the output contiguously.
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < inner; k++) {
      const aik = a.data[i * inner + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < columns; j++) out[i * columns + j]! += aik * b.data[k * columns + j]!;
    }
  }
  return { rows, columns, data: out };
}

/**
 * The symmetric part `(M + Mᵀ)/2`. The result is exactly symmetric: entries `(i, j)` and `(j, i)`
 * are the same rounded sum.
 *
 * @example
 * ```ts
 * symmetrize(denseMatrix(2, 2, [1, 0.2, 0.4, 1])).data; // Float64Array [1, 0.3, 0.3, 1]
 * ```
 * @throws InvalidArgumentError when `matrix` is not square.
 */
export function symmetrize(matrix: DenseMatrix): DenseMatrix {
  const n = assertSquare('matrix', matrix);
  const a = matrix.data;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = a[i * n + i]!;
    for (let j = 0; j < i; j++) {
      const value = (a[i * n + j]! + a[j * n + i]!) / 2;
      out[i * n + j] = value;
      out[j * n + i] = value;
    }
  }
  return { rows: n, columns: n, data: out };
}
