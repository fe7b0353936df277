import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CostCase } from './assignment.properties';
import { bruteForceMinimum, costCaseArbitrary, floatEntry, integerEntry, tiedEntry } from './assignment.properties';
import type { SolverPhases } from './solve-assignment';
import { referenceLinearSumAssignment } from './reference-linear-sum-assignment';
import { solveAssignment } from './solve-assignment';

/** Every phase mix must give an optimum: each one alone must keep the invariant. */
const phaseMixes: readonly [string, SolverPhases][] = [
  ['shortest augmenting paths only', { columnReduction: false, augmentingRowReductionPasses: 0 }],
  ['column reduction then paths', { columnReduction: true, augmentingRowReductionPasses: 0 }],
  ['column reduction then row reduction', { columnReduction: true, augmentingRowReductionBudget: 4 }],
  ['one budget-starved row reduction pass', { columnReduction: false, augmentingRowReductionPasses: 1, augmentingRowReductionBudget: 0.5 }],
  ['long row reduction', { augmentingRowReductionPasses: 4, augmentingRowReductionBudget: 1000 }],
  ['defaults', {}],
];

/** Orients a case as the core wants it (rows <= columns) by transposing when needed. */
function oriented({ cost, rows, columns }: CostCase): CostCase {
  if (rows <= columns) return { cost, rows, columns };
  const transposed = new Float64Array(cost.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) transposed[j * rows + i] = cost[i * columns + j]!;
  return { cost: transposed, rows: columns, columns: rows };
}

function expectOptimalWorkspace(costCase: CostCase, phases: SolverPhases, reference = false): void {
  const { cost, rows, columns } = oriented(costCase);
  const workspace = solveAssignment(cost, rows, columns, phases);
  expect(workspace.freeRowCount).toBe(0);
  let total = 0;
  let magnitude = 0;
  for (let i = 0; i < rows; i++) {
    const j = workspace.columnForRow[i]!;
    expect(workspace.rowForColumn[j]).toBe(i);
    total += cost[i * columns + j]!;
    magnitude += Math.abs(cost[i * columns + j]!);
  }
  // Free columns keep price 0 and assigned ones are at most 0 (the rectangular optimality conditions).
  if (rows < columns) {
    for (let j = 0; j < columns; j++) {
      if (workspace.rowForColumn[j]! < 0) expect(workspace.columnPrices[j]).toBe(0);
      else expect(workspace.columnPrices[j]).toBeLessThanOrEqual(0);
    }
  }
  const expected = reference ? referenceLinearSumAssignment(cost, rows, columns).totalCost : bruteForceMinimum(cost, rows, columns);
  expect(Math.abs(total - expected)).toBeLessThanOrEqual(Math.max(1e-12, 1e-9 * magnitude));
}

describe('solveAssignment phases', () => {
  for (const [name, phases] of phaseMixes) {
    for (const entry of [tiedEntry, integerEntry, floatEntry]) {
      it(`${name} is optimal (brute force, up to 7 × 7)`, () => {
        fc.assert(
          fc.property(costCaseArbitrary(entry, 1, 7), (costCase) => expectOptimalWorkspace(costCase, phases)),
          { numRuns: 200 },
        );
      });

      it(`${name} agrees with the reference solver up to 30 × 30`, () => {
        fc.assert(
          fc.property(costCaseArbitrary(entry, 1, 30), (costCase) => expectOptimalWorkspace(costCase, phases, true)),
          { numRuns: 100 },
        );
      });
    }
  }
});
