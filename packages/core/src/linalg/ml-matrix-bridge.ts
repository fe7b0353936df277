/**
 * Conversions between {@link DenseMatrix} and ml-matrix's `Matrix`. Internal: ml-matrix stays an
 * implementation detail, so the public API never exposes its classes.
 */
import { Matrix } from 'ml-matrix';
import type { DenseMatrix } from './dense-matrix';

/** Copies a dense matrix into an ml-matrix `Matrix`. */
export function toMlMatrix(matrix: DenseMatrix): Matrix {
  const out = new Matrix(matrix.rows, matrix.columns);
  for (let i = 0; i < matrix.rows; i++) {
    for (let j = 0; j < matrix.columns; j++) out.set(i, j, matrix.data[i * matrix.columns + j]!);
  }
  return out;
}

/** Copies an ml-matrix `Matrix` into a dense matrix. */
export function fromMlMatrix(matrix: Matrix): DenseMatrix {
  const { rows, columns } = matrix;
  const data = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) data[i * columns + j] = matrix.get(i, j);
  }
  return { rows, columns, data };
}
