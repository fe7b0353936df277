/**
 * The dense float64 matrix type shared by the linear-algebra helpers, with validating constructors.
 * A plain readonly record (not a class) so it crosses package and worker boundaries unchanged.
 */
import { InvalidArgumentError } from '../errors';
import { assertInteger } from '../validate';

/**
 * A dense float64 matrix stored row-major: entry `(i, j)` is `data[i * columns + j]`.
 *
 * @example
 * ```ts
 * const m: DenseMatrix = denseMatrix(2, 2, [1, 2, 3, 4]);
 * m.data[1 * m.columns + 0]; // 3
 * ```
 */
export interface DenseMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly data: Float64Array;
}

/**
 * Builds a `rows × columns` matrix from row-major `data` (copied), or a zero matrix when `data` is
 * left out.
 *
 * @example
 * ```ts
 * denseMatrix(2, 3, [1, 2, 3, 4, 5, 6]); // [[1, 2, 3], [4, 5, 6]]
 * denseMatrix(2, 2);                     // [[0, 0], [0, 0]]
 * ```
 * @throws InvalidArgumentError when `rows` or `columns` is not an integer >= 0, when `data` does
 * not hold `rows · columns` entries, or when an entry is not finite (NaN included).
 */
export function denseMatrix(rows: number, columns: number, data?: ArrayLike<number>): DenseMatrix {
  assertInteger('rows', rows, 0);
  assertInteger('columns', columns, 0);
  const size = rows * columns;
  if (data === undefined) return { rows, columns, data: new Float64Array(size) };
  if (data.length !== size) {
    throw new InvalidArgumentError('data', `${size} entries (rows · columns = ${rows} · ${columns})`, data);
  }
  const copy = Float64Array.from(data);
  for (let k = 0; k < size; k++) {
    if (!Number.isFinite(copy[k])) throw new InvalidArgumentError(`data[${k}]`, 'a finite number', data[k]);
  }
  return { rows, columns, data: copy };
}

/**
 * Builds a matrix from an array of equally long rows.
 *
 * @example
 * ```ts
 * denseMatrixFromRows([[1, 0.5], [0.5, 1]]); // 2 × 2
 * ```
 * @throws InvalidArgumentError when the rows differ in length or an entry is not finite.
 */
export function denseMatrixFromRows(rows: ArrayLike<ArrayLike<number>>): DenseMatrix {
  const columns = rows.length === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(rows.length * columns);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.length !== columns) throw new InvalidArgumentError(`rows[${i}]`, `${columns} entries like rows[0]`, row);
    for (let j = 0; j < columns; j++) {
      const value = row[j]!;
      if (!Number.isFinite(value)) throw new InvalidArgumentError(`rows[${i}][${j}]`, 'a finite number', value);
      data[i * columns + j] = value;
    }
  }
  return { rows: rows.length, columns, data };
}

/**
 * The `n × n` identity matrix.
 *
 * @example
 * ```ts
 * identityMatrix(3).data; // Float64Array [1, 0, 0, 0, 1, 0, 0, 0, 1]
 * ```
 * @throws InvalidArgumentError when `n` is not an integer >= 0.
 */
export function identityMatrix(n: number): DenseMatrix {
  assertInteger('n', n, 0);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return { rows: n, columns: n, data };
}

/**
 * The rows of `matrix` as plain arrays (for printing, JSON and tests).
 *
 * @example
 * ```ts
 * denseMatrixToRows(identityMatrix(2)); // [[1, 0], [0, 1]]
 * ```
 * @throws Never.
 */
export function denseMatrixToRows(matrix: DenseMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < matrix.rows; i++) {
    out.push(Array.from(matrix.data.subarray(i * matrix.columns, (i + 1) * matrix.columns)));
  }
  return out;
}
