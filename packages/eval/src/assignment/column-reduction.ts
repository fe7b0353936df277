/**
 * Jonker–Volgenant initialisation for square problems: column reduction followed by reduction
 * transfer. Valid only when `rowCount === columnCount`, because it gives free columns unequal
 * prices, which is harmless when every column ends up assigned but breaks the optimality of a
 * rectangular assignment (see {@link AssignmentWorkspace}).
 */
import type { AssignmentWorkspace, CostMatrix } from './assignment-workspace';

/**
 * Sets each column price to its column minimum, assigns each column to its minimising row when
 * that row has no column yet, and transfers slack from each singly matched row to its column.
 * Rebuilds `freeRows` with the rows left unassigned.
 *
 * @example
 * ```ts
 * const workspace = createAssignmentWorkspace(2, 2);
 * reduceColumns(new Float64Array([1, 2, 3, 1]), workspace);
 * workspace.freeRowCount; // 0
 * ```
 * @throws Error never; sizes are trusted (square, matching `cost.length`).
 */
export function reduceColumns(cost: CostMatrix, workspace: AssignmentWorkspace): void {
  const n = workspace.rowCount;
  const { columnForRow, rowForColumn, columnPrices, freeRows } = workspace;
  // Scan row by row (not column by column) so the matrix streams through the cache once.
  const minimisingRow = workspace.predecessors;
  columnPrices.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const c = cost[base + j]!;
      if (c < columnPrices[j]!) {
        columnPrices[j] = c;
        minimisingRow[j] = i;
      }
    }
  }
  // matchCount[i] counts the columns whose minimum lies in row i (capped use: 0, 1 or more).
  const matchCount = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = minimisingRow[j]!;
    matchCount[i]!++;
    if (columnForRow[i]! < 0) {
      columnForRow[i] = j;
      rowForColumn[j] = i;
    }
  }
  let freeRowCount = 0;
  for (let i = 0; i < n; i++) {
    const count = matchCount[i]!;
    if (count === 0) {
      freeRows[freeRowCount++] = i;
    } else if (count === 1) {
      // Reduction transfer: lower the price of the row's only column by the row's smallest other
      // reduced cost, so the row's potential rises to that value and the column is cheaper to
      // take away later. Reduced costs of other rows on that column only grow.
      const assigned = columnForRow[i]!;
      const base = i * n;
      let smallest = Infinity;
      for (let j = 0; j < n; j++) {
        if (j === assigned) continue;
        const reduced = cost[base + j]! - columnPrices[j]!;
        if (reduced < smallest) smallest = reduced;
      }
      if (smallest < Infinity) columnPrices[assigned] = columnPrices[assigned]! - smallest;
    }
  }
  workspace.freeRowCount = freeRowCount;
}
