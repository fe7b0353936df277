import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  bruteForceMinimum,
  costCaseArbitrary,
  expectOptimalAssignment,
  floatEntry,
  integerEntry,
  tiedEntry,
} from './assignment.properties';
import { referenceLinearSumAssignment } from './reference-linear-sum-assignment';

describe('referenceLinearSumAssignment', () => {
  for (const [name, entry] of [
    ['tied integers', tiedEntry],
    ['integers', integerEntry],
    ['floats', floatEntry],
  ] as const) {
    it(`matches brute force on ${name} up to 7 × 7`, () => {
      fc.assert(
        fc.property(costCaseArbitrary(entry, 1, 7), (costCase) => {
          const expected = bruteForceMinimum(costCase.cost, costCase.rows, costCase.columns);
          expectOptimalAssignment(referenceLinearSumAssignment(costCase.cost, costCase.rows, costCase.columns), costCase, expected);
        }),
        { numRuns: 300 },
      );
    });
  }
});
