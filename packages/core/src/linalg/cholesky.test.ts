import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ValidationError } from '../errors';
import { cholesky } from './cholesky';
import { denseMatrix, denseMatrixFromRows, denseMatrixToRows, identityMatrix } from './dense-matrix';
import { frobeniusNorm, maxAbsDifference, reconstructionTolerance, spdMatrixArbitrary } from './dense-matrix.properties';
import { matmul, transpose } from './matrix-ops';

describe('cholesky', () => {
  it('factors known matrices exactly', () => {
    expect(denseMatrixToRows(cholesky(denseMatrix(2, 2, [4, 2, 2, 5])))).toEqual([[2, 0], [1, 2]]);
    // [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] = L·Lᵀ with L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]].
    const a = denseMatrixFromRows([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]);
    expect(denseMatrixToRows(cholesky(a))).toEqual([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]);
    expect(cholesky(identityMatrix(3))).toEqual(identityMatrix(3));
    expect(cholesky(denseMatrix(0, 0))).toEqual(denseMatrix(0, 0));
  });

  it('names the failing pivot of a non-positive-definite matrix', () => {
    // Pivot 1 is 1 − 2² = −3.
    const indefinite = denseMatrix(2, 2, [1, 2, 2, 1]);
    expect(() => cholesky(indefinite)).toThrow(ValidationError);
    expect(() => cholesky(indefinite)).toThrow(/^Matrix must be positive definite: pivot 1 is -3 \(it must be > 0\)/);
    // A correlation matrix with an impossible triple: pivots 1, 0.19, then 1 − 0.81 − 0.9²·… < 0.
    const correlation = denseMatrixFromRows([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]);
    expect(() => cholesky(correlation, { name: 'Correlation matrix' })).toThrow(
      /^Correlation matrix must be positive definite: pivot 2 is -\d/,
    );
    // Positive semi-definite but singular: the zero pivot fails too.
    expect(() => cholesky(denseMatrix(2, 2, [1, 1, 1, 1]))).toThrow(/pivot 1 is 0 /);
  });

  it('rejects NaN pivots (from a hand-built matrix)', () => {
    const withNaN = { rows: 1, columns: 1, data: new Float64Array([Number.NaN]) };
    expect(() => cholesky(withNaN)).toThrow(/must be symmetric|must be positive definite/);
  });

  it('rejects non-square and non-symmetric input', () => {
    expect(() => cholesky(denseMatrix(2, 3))).toThrow(InvalidArgumentError);
    expect(() => cholesky(denseMatrix(2, 2, [2, 1, 0.5, 2]))).toThrow(
      'Matrix must be symmetric: entries [1, 0] = 0.5 and [0, 1] = 1 differ by more than 2e-8.',
    );
    // Within the relative tolerance, and with a looser one on request.
    expect(() => cholesky(denseMatrix(2, 2, [2, 1, 1 + 1e-9, 2]))).not.toThrow();
    expect(() => cholesky(denseMatrix(2, 2, [2, 1, 1.001, 2]), { symmetryTolerance: 1e-3 })).not.toThrow();
  });

  it('reconstructs random SPD matrices with a lower-triangular, positive-diagonal factor', () => {
    fc.assert(
      fc.property(spdMatrixArbitrary(), (a) => {
        const l = cholesky(a);
        const n = a.rows;
        for (let i = 0; i < n; i++) {
          expect(l.data[i * n + i]).toBeGreaterThan(0);
          for (let j = i + 1; j < n; j++) expect(l.data[i * n + j]).toBe(0);
        }
        expect(maxAbsDifference(matmul(l, transpose(l)), a)).toBeLessThanOrEqual(reconstructionTolerance(n, frobeniusNorm(a)));
      }),
    );
  });

  it('fails on every matrix with a negative eigenvalue direction (−B·Bᵀ − I)', () => {
    fc.assert(
      fc.property(spdMatrixArbitrary(), (a) => {
        const negated = denseMatrix(a.rows, a.columns, a.data.map((v) => -v));
        expect(() => cholesky(negated)).toThrow(/must be positive definite: pivot 0 is -/);
      }),
    );
  });
});
