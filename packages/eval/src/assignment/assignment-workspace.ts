/**
 * The mutable state shared by the phases of the shortest-augmenting-path solver: the partial
 * assignment, the column prices (dual variables) and the scratch arrays that the Dijkstra search
 * reuses, so that no phase allocates per row or per augmentation.
 */

/** A row-major cost matrix as the solver reads it. */
export type CostMatrix = Float64Array | Float32Array;

/**
 * State for an `rowCount × columnCount` problem with `rowCount <= columnCount`.
 *
 * Invariant kept by every phase (Jonker & Volgenant 1987): with the row potential of an assigned
 * row `i` defined as `u[i] = cost[i][columnForRow[i]] - columnPrices[columnForRow[i]]`, every
 * reduced cost `cost[i][j] - u[i] - columnPrices[j]` is non-negative. For a rectangular problem,
 * in addition every unassigned column has price 0 and every assigned column a price <= 0; these
 * are the complementary-slackness conditions of the dual of "each column at most once", so the
 * final, partial-on-columns assignment is optimal.
 */
export interface AssignmentWorkspace {
  readonly rowCount: number;
  readonly columnCount: number;
  /** Column assigned to each row, or -1. */
  readonly columnForRow: Int32Array;
  /** Row assigned to each column, or -1. */
  readonly rowForColumn: Int32Array;
  /** Column prices `v[j]` (the column dual variables). */
  readonly columnPrices: Float64Array;
  /** Unassigned rows in `freeRows[0 .. freeRowCount)`. */
  readonly freeRows: Int32Array;
  freeRowCount: number;
  /** Dijkstra scratch: tentative shortest-path lengths to each column. */
  readonly distances: Float64Array;
  /** Dijkstra scratch: the row from which each column was reached. */
  readonly predecessors: Int32Array;
  /** Dijkstra scratch: columns ordered final | at the current minimum | still to do. */
  readonly columnOrder: Int32Array;
}

/**
 * Allocates a workspace with every row free and every price 0.
 *
 * @example
 * ```ts
 * const workspace = createAssignmentWorkspace(2, 3);
 * workspace.freeRowCount; // 2
 * ```
 * @throws RangeError when a size is negative or too large for a typed array (callers validate first).
 */
export function createAssignmentWorkspace(rowCount: number, columnCount: number): AssignmentWorkspace {
  const freeRows = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) freeRows[i] = i;
  return {
    rowCount,
    columnCount,
    columnForRow: new Int32Array(rowCount).fill(-1),
    rowForColumn: new Int32Array(columnCount).fill(-1),
    columnPrices: new Float64Array(columnCount),
    freeRows,
    freeRowCount: rowCount,
    distances: new Float64Array(columnCount),
    predecessors: new Int32Array(columnCount),
    columnOrder: new Int32Array(columnCount),
  };
}
