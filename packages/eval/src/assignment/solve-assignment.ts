/**
 * The solver core for `rowCount <= columnCount`: initialise (column reduction for square
 * problems, then augmenting row reduction), then finish exactly with shortest augmenting paths.
 */
import { createAssignmentWorkspace } from './assignment-workspace';
import type { AssignmentWorkspace, CostMatrix } from './assignment-workspace';
import { reduceAugmentingRows } from './augmenting-row-reduction';
import { reduceColumns } from './column-reduction';
import { augmentShortestPaths } from './shortest-augmenting-path';

/** Which initialisation phases run; the result is optimal whichever are switched off. */
export interface SolverPhases {
  /**
   * Column reduction and reduction transfer (square problems only). Default false: on 4096 × 4096
   * it halved the time for uniform costs but made narrow-band `1 − |cos|` costs (the MCC case)
   * 2.5× slower, by leaving more rows for the Dijkstra phase.
   */
  readonly columnReduction?: boolean;
  /** Rounds of augmenting row reduction. Default 2, as in Jonker & Volgenant. */
  readonly augmentingRowReductionPasses?: number;
  /** Most row scans augmenting row reduction may spend, as a multiple of the row count. Default 32. */
  readonly augmentingRowReductionBudget?: number;
}

/**
 * Solves the assignment of every row of a row-major `rowCount × columnCount` matrix to distinct
 * columns at minimal total cost. Inputs are trusted: `rowCount <= columnCount`, finite entries.
 *
 * @example
 * ```ts
 * const workspace = solveAssignment(new Float64Array([4, 1, 3, 2, 0, 5]), 2, 3);
 * Array.from(workspace.columnForRow); // [1, 0]
 * ```
 * @throws RangeError only if the workspace cannot be allocated.
 */
export function solveAssignment(cost: CostMatrix, rowCount: number, columnCount: number, phases: SolverPhases = {}): AssignmentWorkspace {
  const workspace = createAssignmentWorkspace(rowCount, columnCount);
  if (rowCount === 0) return workspace;
  if (rowCount === columnCount && (phases.columnReduction ?? false)) reduceColumns(cost, workspace);
  // 32 scans per row: on 4096² and 8192² narrow-band 1 − |cos| costs this leaves ~0.2% of rows
  // for the Dijkstra phase (budget 16: 2×, 2.6 s vs 3.4 s at 8192²); unbounded, uniform costs
  // can start long price wars (budget 256: 3.8 s in this phase at 4096²).
  const budget = (phases.augmentingRowReductionBudget ?? 32) * rowCount;
  if (columnCount >= 2) reduceAugmentingRows(cost, workspace, phases.augmentingRowReductionPasses ?? 2, budget);
  augmentShortestPaths(cost, workspace);
  return workspace;
}
