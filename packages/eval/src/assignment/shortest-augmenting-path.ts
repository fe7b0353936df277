/**
 * The exact phase: for each free row, a Dijkstra search over columns in reduced costs finds the
 * cheapest alternating path to an unassigned column, the column prices are updated so the
 * invariant of {@link AssignmentWorkspace} survives, and the path is flipped. This is the
 * augmentation procedure of Jonker & Volgenant (1987), also used (with explicit row potentials)
 * by SciPy's `linear_sum_assignment` (Crouse 2016). Each augmentation costs
 * `O(rowsScanned × columnCount)`, so `O(n² m)` in the worst case.
 */
import type { AssignmentWorkspace, CostMatrix } from './assignment-workspace';

/**
 * Assigns every row in `workspace.freeRows`, leaving `freeRowCount` at 0.
 *
 * @example
 * ```ts
 * const workspace = createAssignmentWorkspace(2, 2);
 * augmentShortestPaths(new Float64Array([4, 1, 2, 0]), workspace);
 * Array.from(workspace.columnForRow); // [1, 0]
 * ```
 * @throws Error never; needs `rowCount <= columnCount` so that a free column always exists.
 */
export function augmentShortestPaths(cost: CostMatrix, workspace: AssignmentWorkspace): void {
  const m = workspace.columnCount;
  const { columnForRow, rowForColumn, columnPrices, freeRows } = workspace;
  const { distances, predecessors, columnOrder } = workspace;
  for (let f = 0; f < workspace.freeRowCount; f++) {
    const freeRow = freeRows[f]!;
    const freeBase = freeRow * m;
    for (let j = 0; j < m; j++) {
      columnOrder[j] = j;
      predecessors[j] = freeRow;
      distances[j] = cost[freeBase + j]! - columnPrices[j]!;
    }
    // columnOrder[0 .. low) are final (scanned), [low .. up) sit at the current minimum distance
    // and wait to be scanned, [up .. m) are still to do.
    let low = 0;
    let up = 0;
    let lastFinal = -1;
    let minimum = 0;
    let endOfPath = -1;
    search: for (;;) {
      if (up === low) {
        lastFinal = low - 1;
        minimum = distances[columnOrder[up++]!]!;
        for (let k = up; k < m; k++) {
          const j = columnOrder[k]!;
          const distance = distances[j]!;
          if (distance <= minimum) {
            if (distance < minimum) {
              up = low;
              minimum = distance;
            }
            columnOrder[k] = columnOrder[up]!;
            columnOrder[up++] = j;
          }
        }
        for (let k = low; k < up; k++) {
          if (rowForColumn[columnOrder[k]!]! < 0) {
            endOfPath = columnOrder[k]!;
            break search;
          }
        }
      }
      // Scan the row that owns the next column at the minimum distance.
      const scanned = columnOrder[low++]!;
      const row = rowForColumn[scanned]!;
      const base = row * m;
      const offset = cost[base + scanned]! - columnPrices[scanned]! - minimum;
      for (let k = up; k < m; k++) {
        const j = columnOrder[k]!;
        const distance = cost[base + j]! - columnPrices[j]! - offset;
        if (distance < distances[j]!) {
          predecessors[j] = row;
          if (distance === minimum) {
            if (rowForColumn[j]! < 0) {
              endOfPath = j;
              break search;
            }
            columnOrder[k] = columnOrder[up]!;
            columnOrder[up++] = j;
          }
          distances[j] = distance;
        }
      }
    }
    // Lower the prices of the final columns by how much closer they were than the free column.
    // In exact arithmetic the change is never positive; skipping the rounding-level positive
    // ones keeps assigned prices <= 0 = the price of every free column, exactly.
    for (let k = 0; k <= lastFinal; k++) {
      const j = columnOrder[k]!;
      const change = distances[j]! - minimum;
      if (change < 0) columnPrices[j] = columnPrices[j]! + change;
    }
    // Flip the alternating path back to the free row.
    let column = endOfPath;
    for (;;) {
      const row = predecessors[column]!;
      rowForColumn[column] = row;
      const previous = columnForRow[row]!;
      columnForRow[row] = column;
      if (row === freeRow) break;
      column = previous;
    }
  }
  workspace.freeRowCount = 0;
}
