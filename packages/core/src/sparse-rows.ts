/**
 * Sparse batches in compressed-row (CSR) form: the way synth's generator hands feature
 * activations to the feature dictionary without materialising `batch × numFeatures` zeros.
 */
import { InvalidArgumentError } from './errors';
import { assertInteger } from './validate';

/** A `rows × columns` matrix that stores only its stored entries, row by row (CSR). */
export interface SparseRows {
  readonly rows: number;
  readonly columns: number;
  /** Length `rows + 1`; row `r` owns entries `rowOffsets[r] .. rowOffsets[r + 1] - 1`. */
  readonly rowOffsets: Int32Array;
  /** Column of each stored entry, strictly increasing within a row. */
  readonly columnIndices: Int32Array;
  /** Value of each stored entry. Explicit zeros are allowed and stay stored. */
  readonly values: Float32Array;
}

/**
 * Builds a {@link SparseRows} after checking its structure. O(rows + stored entries).
 *
 * @example
 * ```ts
 * // [[0, 2], [3, 0]]
 * const s = createSparseRows(2, 2, new Int32Array([0, 1, 2]), new Int32Array([1, 0]), new Float32Array([2, 3]));
 * ```
 * @throws InvalidArgumentError naming the field and the first entry that breaks the structure.
 */
export function createSparseRows(
  rows: number,
  columns: number,
  rowOffsets: Int32Array,
  columnIndices: Int32Array,
  values: Float32Array,
): SparseRows {
  assertInteger('rows', rows);
  assertInteger('columns', columns);
  if (rowOffsets.length !== rows + 1) throw new InvalidArgumentError('rowOffsets', `length rows + 1 = ${rows + 1}`, rowOffsets);
  const stored = columnIndices.length;
  if (values.length !== stored) throw new InvalidArgumentError('values', `length ${stored} (one per column index)`, values);
  if (rowOffsets[0] !== 0) throw new InvalidArgumentError('rowOffsets[0]', '0', rowOffsets[0]);
  if (rowOffsets[rows] !== stored) throw new InvalidArgumentError(`rowOffsets[${rows}]`, `the number of stored entries (${stored})`, rowOffsets[rows]);
  for (let r = 0; r < rows; r++) {
    const start = rowOffsets[r]!;
    const end = rowOffsets[r + 1]!;
    if (!(end >= start)) throw new InvalidArgumentError(`rowOffsets[${r + 1}]`, `a value >= rowOffsets[${r}] = ${start}`, end);
    for (let k = start; k < end; k++) {
      const column = columnIndices[k]!;
      const lower = k > start ? columnIndices[k - 1]! + 1 : 0;
      if (!(column >= lower && column < columns)) {
        throw new InvalidArgumentError(`columnIndices[${k}]`, `a column in [${lower}, ${columns}) (sorted, unique within row ${r})`, column);
      }
    }
  }
  return { rows, columns, rowOffsets, columnIndices, values };
}

/**
 * Compresses a dense row-major matrix, keeping the entries that are not zero.
 *
 * @example
 * ```ts
 * const s = sparseRowsFromDense(new Float32Array([0, 2, 3, 0]), 2, 2); // 2 stored entries
 * ```
 * @throws InvalidArgumentError when `dense.length !== rows * columns`.
 */
export function sparseRowsFromDense(dense: Float32Array, rows: number, columns: number): SparseRows {
  assertInteger('rows', rows);
  assertInteger('columns', columns);
  if (dense.length !== rows * columns) throw new InvalidArgumentError('dense', `length rows × columns = ${rows * columns}`, dense);
  let stored = 0;
  for (const v of dense) if (v !== 0) stored++;
  const rowOffsets = new Int32Array(rows + 1);
  const columnIndices = new Int32Array(stored);
  const values = new Float32Array(stored);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = dense[r * columns + c]!;
      if (v !== 0) {
        columnIndices[k] = c;
        values[k++] = v;
      }
    }
    rowOffsets[r + 1] = k;
  }
  return { rows, columns, rowOffsets, columnIndices, values };
}

/**
 * Expands to a dense row-major `Float32Array` (`rows × columns`).
 *
 * @example
 * ```ts
 * sparseRowsToDense(sparseRowsFromDense(new Float32Array([0, 2]), 1, 2)); // Float32Array [0, 2]
 * ```
 */
export function sparseRowsToDense(sparse: SparseRows): Float32Array {
  const dense = new Float32Array(sparse.rows * sparse.columns);
  for (let r = 0; r < sparse.rows; r++) {
    for (let k = sparse.rowOffsets[r]!; k < sparse.rowOffsets[r + 1]!; k++) {
      dense[r * sparse.columns + sparse.columnIndices[k]!] = sparse.values[k]!;
    }
  }
  return dense;
}

/** Row index of every stored entry (the COO form of the rows). */
export function sparseRowIndices(sparse: SparseRows): Int32Array {
  const rowIndices = new Int32Array(sparse.values.length);
  for (let r = 0; r < sparse.rows; r++) rowIndices.fill(r, sparse.rowOffsets[r], sparse.rowOffsets[r + 1]);
  return rowIndices;
}
