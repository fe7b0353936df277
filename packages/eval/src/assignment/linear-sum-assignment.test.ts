import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bruteForceMinimum,
  costCaseArbitrary,
  expectOptimalAssignment,
  floatEntry,
  integerEntry,
  tiedEntry,
  unitEntry,
} from './assignment.properties';
import { linearSumAssignment } from './linear-sum-assignment';
import { referenceLinearSumAssignment } from './reference-linear-sum-assignment';

const entries = [
  ['tied integers', tiedEntry, false],
  ['integers', integerEntry, false],
  ['floats', floatEntry, false],
  ['unit floats as float32', unitEntry, true],
] as const;

describe('linearSumAssignment', () => {
  it('solves the SciPy documentation example', () => {
    const result = linearSumAssignment(new Float64Array([4, 1, 3, 2, 0, 5, 3, 2, 2]), 3, 3);
    expect(Array.from(result.rowIndices)).toEqual([0, 1, 2]);
    expect(Array.from(result.columnIndices)).toEqual([1, 0, 2]);
    expect(result.totalCost).toBe(5);
  });

  it('matches rows to columns when there are fewer rows, and columns to rows otherwise', () => {
    const wide = linearSumAssignment(new Float64Array([5, 9, 1, 2, 8, 7]), 2, 3);
    expect([Array.from(wide.rowIndices), Array.from(wide.columnIndices), wide.totalCost]).toEqual([[0, 1], [2, 0], 3]);
    const tall = linearSumAssignment(new Float64Array([5, 2, 9, 8, 1, 7]), 3, 2);
    expect([Array.from(tall.rowIndices), Array.from(tall.columnIndices), tall.totalCost]).toEqual([[0, 2], [1, 0], 3]);
  });

  it('returns an empty result for 0 rows or 0 columns', () => {
    for (const [rows, columns] of [[0, 0], [0, 4], [3, 0]] as const) {
      const result = linearSumAssignment(new Float64Array(0), rows, columns);
      expect([result.rowIndices.length, result.columnIndices.length, result.totalCost]).toEqual([0, 0, 0]);
    }
  });

  it('maximises when asked, like SciPy maximize=true', () => {
    const result = linearSumAssignment(new Float64Array([4, 1, 3, 2, 0, 5, 3, 2, 2]), 3, 3, { maximize: true });
    expect(Array.from(result.columnIndices)).toEqual([0, 2, 1]);
    expect(result.totalCost).toBe(11);
  });

  for (const [name, entry, float32] of entries) {
    it(`is optimal against brute force on ${name} up to 7 × 7, both orientations`, () => {
      fc.assert(
        fc.property(costCaseArbitrary(entry, 1, 7, float32), (costCase) => {
          const expected = bruteForceMinimum(costCase.cost, costCase.rows, costCase.columns);
          expectOptimalAssignment(linearSumAssignment(costCase.cost, costCase.rows, costCase.columns), costCase, expected);
        }),
        { numRuns: 400 },
      );
    });

    it(`agrees with the reference solver on ${name} up to 40 × 40`, () => {
      fc.assert(
        fc.property(costCaseArbitrary(entry, 1, 40, float32), (costCase) => {
          const expected = referenceLinearSumAssignment(costCase.cost, costCase.rows, costCase.columns).totalCost;
          expectOptimalAssignment(linearSumAssignment(costCase.cost, costCase.rows, costCase.columns), costCase, expected);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('maximising equals minimising the negated matrix', () => {
    fc.assert(
      fc.property(costCaseArbitrary(floatEntry, 1, 7), ({ cost, rows, columns }) => {
        const maximum = linearSumAssignment(cost, rows, columns, { maximize: true }).totalCost;
        const negated = cost.map((value) => -value);
        expect(maximum).toBeCloseTo(-bruteForceMinimum(negated, rows, columns), 9);
      }),
      { numRuns: 200 },
    );
  });

  it('is invariant to permuting rows and columns (total cost)', () => {
    fc.assert(
      fc.property(
        costCaseArbitrary(tiedEntry, 1, 12).chain((costCase) =>
          fc.tuple(
            fc.constant(costCase),
            fc.shuffledSubarray([...Array(costCase.rows).keys()], { minLength: costCase.rows }),
            fc.shuffledSubarray([...Array(costCase.columns).keys()], { minLength: costCase.columns }),
          ),
        ),
        ([{ cost, rows, columns }, rowOrder, columnOrder]) => {
          const permuted = new Float64Array(rows * columns);
          rowOrder.forEach((i, r) => columnOrder.forEach((j, c) => (permuted[r * columns + c] = cost[i * columns + j]!)));
          expect(linearSumAssignment(permuted, rows, columns).totalCost).toBe(linearSumAssignment(cost, rows, columns).totalCost);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('recovers a planted near-diagonal matching and agrees with the reference on narrow-band costs', () => {
    // A tiny LCG (Numerical Recipes constants) keeps the test seeded without Math.random.
    let state = 12345;
    const next = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (const [rows, columns] of [[50, 200], [200, 50], [120, 120]] as const) {
      const cost = new Float32Array(rows * columns).map(() => 0.9 + 0.1 * next());
      const pairs = Math.min(rows, columns);
      let planted = 0;
      for (let k = 0; k < pairs; k++) {
        const index = rows <= columns ? k * columns + ((k * 37) % columns) : ((k * 37) % rows) * columns + k;
        cost[index] = 0.01 + 0.04 * next();
        planted += cost[index];
      }
      expectOptimalAssignment(linearSumAssignment(cost, rows, columns), { cost, rows, columns }, planted);
      // Narrow band near 1 with float32 ties: the random-matrix MCC case.
      const band = new Float32Array(rows * columns).map(() => 1 - 0.05 * next() * next());
      const expected = referenceLinearSumAssignment(band, rows, columns).totalCost;
      expectOptimalAssignment(linearSumAssignment(band, rows, columns), { cost: band, rows, columns }, expected);
    }
  });
});
