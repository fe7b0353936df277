/**
 * A deliberately plain reference solver for tests: the shortest augmenting path method exactly
 * as in SciPy's `linear_sum_assignment` (Crouse 2016), with explicit row and column potentials,
 * no initialisation heuristics and no index tricks. `O(n² m)`. Not exported from the package.
 */
import type { CostMatrix } from './assignment-workspace';
import type { LinearSumAssignment } from './linear-sum-assignment';

/**
 * Same contract as {@link linearSumAssignment} (minimising, inputs trusted, no validation).
 *
 * @example
 * ```ts
 * referenceLinearSumAssignment(new Float64Array([4, 1, 3, 2]), 2, 2).totalCost; // 3
 * ```
 * @throws Error never; inputs are trusted.
 */
export function referenceLinearSumAssignment(cost: CostMatrix, rows: number, columns: number): LinearSumAssignment {
  const transposed = rows > columns;
  const n = transposed ? columns : rows;
  const m = transposed ? rows : columns;
  const at = (i: number, j: number): number => (transposed ? cost[j * columns + i]! : cost[i * columns + j]!);
  const u = new Array<number>(n).fill(0);
  const v = new Array<number>(m).fill(0);
  const rowForColumn = new Array<number>(m).fill(-1);
  const columnForRow = new Array<number>(n).fill(-1);
  for (let freeRow = 0; freeRow < n; freeRow++) {
    const shortest = new Array<number>(m).fill(Infinity);
    const path = new Array<number>(m).fill(-1);
    const scannedRows = new Array<boolean>(n).fill(false);
    const scannedColumns = new Array<boolean>(m).fill(false);
    let i = freeRow;
    let minimum = 0;
    let sink = -1;
    while (sink < 0) {
      scannedRows[i] = true;
      let best = -1;
      for (let j = 0; j < m; j++) {
        if (scannedColumns[j]) continue;
        const reduced = minimum + at(i, j) - u[i]! - v[j]!;
        if (reduced < shortest[j]!) {
          shortest[j] = reduced;
          path[j] = i;
        }
        if (best < 0 || shortest[j]! < shortest[best]! || (shortest[j] === shortest[best] && rowForColumn[j] === -1)) best = j;
      }
      minimum = shortest[best]!;
      scannedColumns[best] = true;
      if (rowForColumn[best] === -1) sink = best;
      else i = rowForColumn[best]!;
    }
    u[freeRow] = u[freeRow]! + minimum;
    for (let r = 0; r < n; r++) if (scannedRows[r] && r !== freeRow) u[r] = u[r]! + minimum - shortest[columnForRow[r]!]!;
    for (let j = 0; j < m; j++) if (scannedColumns[j]) v[j] = v[j]! - (minimum - shortest[j]!);
    for (let j = sink; ; ) {
      const r = path[j]!;
      rowForColumn[j] = r;
      const previous = columnForRow[r]!;
      columnForRow[r] = j;
      if (r === freeRow) break;
      j = previous;
    }
  }
  const pairs: [number, number][] = columnForRow.map((j, i) => (transposed ? [j, i] : [i, j]));
  pairs.sort((a, b) => a[0] - b[0]);
  const totalCost = pairs.reduce((sum, [i, j]) => sum + cost[i * columns + j]!, 0);
  return {
    rowIndices: Int32Array.from(pairs, (pair) => pair[0]),
    columnIndices: Int32Array.from(pairs, (pair) => pair[1]),
    totalCost,
  };
}
