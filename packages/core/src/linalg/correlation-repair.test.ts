import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { cholesky } from './cholesky';
import { clipEigenvalues, rescaleToUnitDiagonal } from './correlation-repair';
import { denseMatrix, denseMatrixFromRows, identityMatrix } from './dense-matrix';
import { frobeniusNorm, maxAbsDifference, reconstructionTolerance, spdMatrixArbitrary, symmetricMatrixArbitrary } from './dense-matrix.properties';
import { eigvalsh } from './eigh';
import { transpose } from './matrix-ops';

/** SPEC §1.5 `_fix_correlation_matrix`: clip, then rescale to a unit diagonal. */
const repair = (m: Parameters<typeof clipEigenvalues>[0]) => rescaleToUnitDiagonal(clipEigenvalues(m));

describe('clipEigenvalues', () => {
  it('raises negative eigenvalues to the minimum', () => {
    // [[1, 2], [2, 1]] has eigenvalues −1 and 3 along [1, −1]/√2 and [1, 1]/√2.
    const clipped = clipEigenvalues(denseMatrix(2, 2, [1, 2, 2, 1]), 0.5);
    const expected = denseMatrix(2, 2, [1.75, 1.25, 1.25, 1.75]);
    expect(maxAbsDifference(clipped, expected)).toBeLessThanOrEqual(16 * Number.EPSILON);
  });

  it('leaves a matrix whose eigenvalues are all above the minimum unchanged (to rounding)', () => {
    fc.assert(
      fc.property(spdMatrixArbitrary(), (a) => {
        const tolerance = reconstructionTolerance(a.rows, frobeniusNorm(a));
        expect(maxAbsDifference(clipEigenvalues(a), a)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });

  it.each([-1, Number.NaN, Infinity])('rejects minEigenvalue %s', (bad) => {
    expect(() => clipEigenvalues(identityMatrix(2), bad)).toThrow(InvalidArgumentError);
    expect(() => clipEigenvalues(identityMatrix(2), bad)).toThrow(`Invalid minEigenvalue: expected a finite number >= 0, got ${bad}.`);
  });
});

describe('rescaleToUnitDiagonal', () => {
  it('divides by sqrt(d_i·d_j) and sets the diagonal to exactly 1', () => {
    expect(rescaleToUnitDiagonal(denseMatrix(2, 2, [4, 1, 1, 1])).data).toEqual(new Float64Array([1, 0.5, 0.5, 1]));
    // A zero diagonal entry is floored at minDiagonal: 1e-4 / sqrt(1e-8 · 1) = 1.
    expect(rescaleToUnitDiagonal(denseMatrix(2, 2, [0, 1e-4, 1e-4, 1])).data[1]).toBeCloseTo(1, 12);
  });

  it.each([0, -1, Number.NaN, Infinity])('rejects minDiagonal %s', (bad) => {
    expect(() => rescaleToUnitDiagonal(identityMatrix(2), bad)).toThrow(`Invalid minDiagonal: expected a finite number > 0, got ${bad}.`);
  });

  it('rejects a non-square matrix', () => {
    expect(() => rescaleToUnitDiagonal(denseMatrix(1, 2))).toThrow(InvalidArgumentError);
  });
});

describe('clip + rescale (nearest-correlation repair)', () => {
  it('repairs the impossible triple into a positive definite correlation matrix', () => {
    const impossible = denseMatrixFromRows([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]);
    expect(eigvalsh(impossible)[0]).toBeLessThan(-1e-6);
    const repaired = repair(impossible);
    expect(eigvalsh(repaired)[0]).toBeGreaterThan(0);
    expect(() => cholesky(repaired)).not.toThrow();
  });

  it('gives a symmetric, unit-diagonal matrix with smallest eigenvalue >= −1e-10', () => {
    // Symmetric matrices with a unit diagonal and off-diagonal entries in [-1, 1], like the
    // reference's random correlations, plus unscaled random symmetric ones.
    const correlationLike = symmetricMatrixArbitrary(10).map((m) => {
      const n = m.rows;
      return denseMatrix(n, n, m.data.map((v, k) => (k % (n + 1) === 0 ? 1 : v / 10)));
    });
    fc.assert(
      fc.property(fc.oneof(correlationLike, symmetricMatrixArbitrary(10)), (m) => {
        const repaired = repair(m);
        const n = m.rows;
        expect(transpose(repaired)).toEqual(repaired);
        for (let i = 0; i < n; i++) expect(repaired.data[i * n + i]).toBe(1);
        expect(eigvalsh(repaired)[0]!).toBeGreaterThanOrEqual(-1e-10);
      }),
    );
  });
});
