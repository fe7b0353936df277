/**
 * Jonker–Volgenant augmenting row reduction: an auction-like pass that hands each free row its
 * cheapest column (in reduced cost), raising that column's price just enough to make the row's
 * second-cheapest column equally attractive, and displacing any previous owner. On the
 * near-diagonal matrices of trained sparse autoencoders each row's best column is uncontested, so
 * this pass alone assigns every row and the Dijkstra phase has nothing left to do.
 */
import type { AssignmentWorkspace, CostMatrix } from './assignment-workspace';

/**
 * Runs `passes` rounds of augmenting row reduction over `workspace.freeRows`, spending at most
 * `stepBudget` row scans in total (each costs `O(columnCount)`). Stopping early is always safe:
 * every step keeps the workspace invariant, and rows still free are left for the exact
 * shortest-augmenting-path phase. The budget guards against long "price wars" of tiny price
 * decrements between rows that want the same column.
 *
 * @example
 * ```ts
 * const workspace = createAssignmentWorkspace(2, 3);
 * reduceAugmentingRows(new Float64Array([0, 5, 9, 9, 0, 5]), workspace, 2, 100);
 * workspace.freeRowCount; // 0
 * ```
 * @throws Error never; needs `columnCount >= 2` (callers skip this phase otherwise).
 */
export function reduceAugmentingRows(cost: CostMatrix, workspace: AssignmentWorkspace, passes: number, stepBudget: number): void {
  const m = workspace.columnCount;
  const { columnForRow, rowForColumn, columnPrices, freeRows } = workspace;
  let steps = 0;
  for (let pass = 0; pass < passes; pass++) {
    const previousFreeCount = workspace.freeRowCount;
    let next = 0;
    let freeCount = 0;
    // freeCount <= next always holds, so writing freeRows[freeCount] or freeRows[next - 1]
    // never overwrites a row that is still to be read.
    while (next < previousFreeCount) {
      const i = freeRows[next++]!;
      if (steps >= stepBudget) {
        freeRows[freeCount++] = i;
        continue;
      }
      steps++;
      const base = i * m;
      let lowest = cost[base]! - columnPrices[0]!;
      let lowestColumn = 0;
      let secondLowest = Infinity;
      let secondColumn = -1;
      for (let j = 1; j < m; j++) {
        const reduced = cost[base + j]! - columnPrices[j]!;
        if (reduced < secondLowest) {
          if (reduced >= lowest) {
            secondLowest = reduced;
            secondColumn = j;
          } else {
            secondLowest = lowest;
            secondColumn = lowestColumn;
            lowest = reduced;
            lowestColumn = j;
          }
        }
      }
      let column = lowestColumn;
      let displaced = rowForColumn[column]!;
      const strict = lowest < secondLowest;
      if (strict) {
        // Lower the price so this row's reduced cost on `column` equals its second-lowest one.
        columnPrices[column] = columnPrices[column]! - (secondLowest - lowest);
      } else if (displaced >= 0) {
        // A tie: take the second column instead, which may be free.
        column = secondColumn;
        displaced = rowForColumn[column]!;
      }
      columnForRow[i] = column;
      rowForColumn[column] = i;
      if (displaced >= 0) {
        columnForRow[displaced] = -1;
        // After a strict price change the displaced row is reprocessed at once (it continues
        // the same alternating path); after a tie it waits for the next pass.
        if (strict) freeRows[--next] = displaced;
        else freeRows[freeCount++] = displaced;
      }
    }
    workspace.freeRowCount = freeCount;
  }
}
