/**
 * Shared test helpers for the assignment solvers: brute force over all injections, a validity
 * check, and fast-check arbitraries for small cost matrices (integer ones to force ties, float
 * ones, both orientations).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { CostMatrix } from './assignment-workspace';
import type { LinearSumAssignment } from './linear-sum-assignment';

/** A cost matrix with its sizes. */
export interface CostCase {
  readonly cost: CostMatrix;
  readonly rows: number;
  readonly columns: number;
}

/**
 * The minimal total over every injection of the smaller side into the larger (at most 7!/0! =
 * 5040 for 7 × 7).
 *
 * @example
 * ```ts
 * bruteForceMinimum(new Float64Array([4, 1, 3, 2]), 2, 2); // 3
 * ```
 * @throws Error never.
 */
export function bruteForceMinimum(cost: CostMatrix, rows: number, columns: number): number {
  const transposed = rows > columns;
  const n = transposed ? columns : rows;
  const m = transposed ? rows : columns;
  const at = (i: number, j: number): number => (transposed ? cost[j * columns + i]! : cost[i * columns + j]!);
  const used = new Array<boolean>(m).fill(false);
  let best = n === 0 ? 0 : Infinity;
  const visit = (i: number, sum: number): void => {
    if (i === n) {
      best = Math.min(best, sum);
      return;
    }
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = true;
      visit(i + 1, sum + at(i, j));
      used[j] = false;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * Asserts `result` is a valid assignment for the case whose total is `expectedTotal` (relative
 * tolerance 1e-9 of the sum of magnitudes of the matched entries, at least 1e-12).
 *
 * @example
 * ```ts
 * expectOptimalAssignment(linearSumAssignment(cost, 2, 2), { cost, rows: 2, columns: 2 }, 3);
 * ```
 * @throws AssertionError when it is not.
 */
export function expectOptimalAssignment(result: LinearSumAssignment, { cost, rows, columns }: CostCase, expectedTotal: number): void {
  const pairs = Math.min(rows, columns);
  expect(result.rowIndices.length).toBe(pairs);
  expect(result.columnIndices.length).toBe(pairs);
  const seenColumns = new Set<number>();
  let total = 0;
  let magnitude = 0;
  for (let k = 0; k < pairs; k++) {
    const i = result.rowIndices[k]!;
    const j = result.columnIndices[k]!;
    if (k > 0) expect(i).toBeGreaterThan(result.rowIndices[k - 1]!);
    expect(i >= 0 && i < rows && j >= 0 && j < columns).toBe(true);
    seenColumns.add(j);
    total += cost[i * columns + j]!;
    magnitude += Math.abs(cost[i * columns + j]!);
  }
  expect(seenColumns.size).toBe(pairs);
  const tolerance = Math.max(1e-12, 1e-9 * magnitude);
  expect(Math.abs(result.totalCost - total)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(result.totalCost - expectedTotal)).toBeLessThanOrEqual(tolerance);
}

/** Cost matrices with sizes in `[minSize, maxSize]²` and entries from `entry`. */
export function costCaseArbitrary(entry: fc.Arbitrary<number>, minSize: number, maxSize: number, float32 = false): fc.Arbitrary<CostCase> {
  return fc
    .tuple(fc.integer({ min: minSize, max: maxSize }), fc.integer({ min: minSize, max: maxSize }))
    .chain(([rows, columns]) =>
      fc.array(entry, { minLength: rows * columns, maxLength: rows * columns }).map((values) => ({
        cost: float32 ? Float32Array.from(values) : Float64Array.from(values),
        rows,
        columns,
      })),
    );
}

/** Small integers: many ties. */
export const tiedEntry = fc.integer({ min: -3, max: 3 });
/** Integers over a wider range. */
export const integerEntry = fc.integer({ min: -1000, max: 1000 });
/** Finite doubles of moderate size. */
export const floatEntry = fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });
/** Costs of the MCC use case, `1 − |cos|`, in [0, 1]. */
export const unitEntry = fc.double({ min: 0, max: 1, noNaN: true });
