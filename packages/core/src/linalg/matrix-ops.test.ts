import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { denseMatrix, denseMatrixToRows, identityMatrix } from './dense-matrix';
import { matrixArbitrary, maxAbsDifference } from './dense-matrix.properties';
import { matmul, symmetrize, transpose } from './matrix-ops';

const shape = fc.record({ m: fc.integer({ min: 1, max: 5 }), k: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 5 }) });

describe('transpose', () => {
  it('swaps rows and columns', () => {
    expect(denseMatrixToRows(transpose(denseMatrix(2, 3, [1, 2, 3, 4, 5, 6])))).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it('is an involution', () => {
    fc.assert(fc.property(shape.chain(({ m, n }) => matrixArbitrary(m, n)), (a) => {
      expect(transpose(transpose(a))).toEqual(a);
    }));
  });
});

describe('matmul', () => {
  it('multiplies a known pair', () => {
    const a = denseMatrix(2, 2, [1, 2, 3, 4]);
    const b = denseMatrix(2, 2, [5, 6, 7, 8]);
    expect(denseMatrixToRows(matmul(a, b))).toEqual([[19, 22], [43, 50]]);
    expect(matmul(a, identityMatrix(2))).toEqual(a);
  });

  it('rejects mismatched inner dimensions', () => {
    expect(() => matmul(denseMatrix(2, 3), denseMatrix(2, 3))).toThrow(InvalidArgumentError);
    expect(() => matmul(denseMatrix(2, 3), denseMatrix(2, 3))).toThrow(/Invalid b: expected a matrix with 3 rows/);
  });

  it('satisfies (A·B)ᵀ = Bᵀ·Aᵀ', () => {
    const pair = shape.chain(({ m, k, n }) => fc.tuple(matrixArbitrary(m, k), matrixArbitrary(k, n)));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        // Each entry is a k-term dot product of entries <= 10: rounding error <= k·ε·k·100.
        const bound = 100 * a.columns * a.columns * Number.EPSILON;
        expect(maxAbsDifference(transpose(matmul(a, b)), matmul(transpose(b), transpose(a)))).toBeLessThanOrEqual(bound);
      }),
    );
  });
});

describe('symmetrize', () => {
  it('averages each pair and keeps the diagonal', () => {
    expect(symmetrize(denseMatrix(2, 2, [1, 0.2, 0.4, 1])).data).toEqual(new Float64Array([1, 0.30000000000000004, 0.30000000000000004, 1]));
  });

  it('is exactly symmetric and idempotent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => matrixArbitrary(n, n)), (a) => {
        const s = symmetrize(a);
        expect(transpose(s)).toEqual(s);
        expect(symmetrize(s)).toEqual(s);
      }),
    );
  });

  it('rejects a non-square matrix', () => {
    expect(() => symmetrize(denseMatrix(2, 3))).toThrow('Invalid matrix: expected a square matrix, got "2×3".');
  });
});
