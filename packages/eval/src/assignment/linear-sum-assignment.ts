/**
 * Exact rectangular linear assignment, the contract of SciPy's
 * `scipy.optimize.linear_sum_assignment`.
 */
import type { CostMatrix } from './assignment-workspace';
import { prepareCostMatrix } from './prepare-cost-matrix';
import { solveAssignment } from './solve-assignment';
import { validateCostMatrix } from './validate-cost-matrix';

/** Options of {@link linearSumAssignment}. */
export interface LinearSumAssignmentOptions {
  /** Maximise the total instead of minimising it (SciPy's `maximize`). Default false. */
  readonly maximize?: boolean;
}

/** An optimal assignment: `min(rows, columns)` pairs `(rowIndices[k], columnIndices[k])`. */
export interface LinearSumAssignment {
  /** Matched rows, strictly ascending. */
  readonly rowIndices: Int32Array;
  /** The column matched to each entry of `rowIndices`; all distinct. */
  readonly columnIndices: Int32Array;
  /** Sum of the matched entries of the input matrix. */
  readonly totalCost: number;
}

/**
 * Matches each row of a row-major `rows × columns` cost matrix to a distinct column (or each
 * column to a distinct row, when there are fewer columns) so that the total cost is minimal.
 *
 * Uses shortest augmenting paths with column prices (Jonker & Volgenant 1987), after column
 * reduction (square inputs) and augmenting row reduction. Exact: the result is optimal up to
 * floating-point rounding of the sums, like SciPy's. `O(n² m)` time in the worst case for
 * `n = min(rows, columns)`, `m = max(rows, columns)`, but near-linear in the matrix size on
 * near-diagonal inputs (each row's best column unique), which is what trained sparse
 * autoencoders give against their ground-truth features. Memory: `O(m)` beyond the input, plus a
 * copy of the matrix when `rows > columns` or `maximize` is set.
 *
 * @remarks Entries must be finite; SciPy accepts `+inf` for forbidden pairs, this does not.
 * Costs whose differences overflow a double (|cost| near 1e308) give undefined results.
 *
 * @example
 * ```ts
 * const { rowIndices, columnIndices, totalCost } = linearSumAssignment(
 *   new Float64Array([4, 1, 3, 2, 0, 5, 3, 2, 2]), 3, 3);
 * // rowIndices [0, 1, 2], columnIndices [1, 0, 2], totalCost 5
 * ```
 * @throws InvalidArgumentError when `rows` or `columns` is not a non-negative integer, `cost` is
 *   not a Float64Array or Float32Array of `rows × columns` entries, or an entry `cost[i][j]` is
 *   NaN or infinite.
 */
export function linearSumAssignment(
  cost: CostMatrix,
  rows: number,
  columns: number,
  options: LinearSumAssignmentOptions = {},
): LinearSumAssignment {
  validateCostMatrix(cost, rows, columns);
  const pairs = Math.min(rows, columns);
  const rowIndices = new Int32Array(pairs);
  const columnIndices = new Int32Array(pairs);
  if (pairs === 0) return { rowIndices, columnIndices, totalCost: 0 };
  const transposed = rows > columns;
  const solved = prepareCostMatrix(cost, rows, columns, options.maximize ?? false);
  const workspace = transposed ? solveAssignment(solved, columns, rows) : solveAssignment(solved, rows, columns);
  let totalCost = 0;
  if (transposed) {
    // Solver rows are input columns; walk solver columns (input rows) in order to sort by row.
    let k = 0;
    for (let i = 0; i < rows; i++) {
      const j = workspace.rowForColumn[i]!;
      if (j < 0) continue;
      rowIndices[k] = i;
      columnIndices[k++] = j;
      totalCost += cost[i * columns + j]!;
    }
  } else {
    for (let i = 0; i < rows; i++) {
      const j = workspace.columnForRow[i]!;
      rowIndices[i] = i;
      columnIndices[i] = j;
      totalCost += cost[i * columns + j]!;
    }
  }
  return { rowIndices, columnIndices, totalCost };
}
