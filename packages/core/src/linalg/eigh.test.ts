import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ValidationError } from '../errors';
import { denseMatrix, denseMatrixFromRows, identityMatrix } from './dense-matrix';
import {
  frobeniusNorm,
  maxAbsDifference,
  reconstructionTolerance,
  spdMatrixArbitrary,
  symmetricMatrixArbitrary,
} from './dense-matrix.properties';
import { eigh, eigvalsh } from './eigh';
import { matmul, symmetrize, transpose } from './matrix-ops';

/** V·diag(λ)·Vᵀ. */
function rebuild(values: Float64Array, vectors: ReturnType<typeof eigh>['vectors']) {
  const n = values.length;
  const scaled = denseMatrix(n, n, vectors.data.map((v, k) => v * values[k % n]!));
  return matmul(scaled, transpose(vectors));
}

function expectClose(actual: Float64Array, expected: number[], tolerance: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, k) => expect(Math.abs(value - expected[k]!)).toBeLessThanOrEqual(tolerance));
}

describe('eigh', () => {
  const eps = Number.EPSILON;

  it('solves a 2×2 case by hand: [[2, 1], [1, 2]] has 1 and 3', () => {
    const { values, vectors } = eigh(denseMatrix(2, 2, [2, 1, 1, 2]));
    expectClose(values, [1, 3], 8 * eps);
    // Column 0 is ±[1, −1]/√2, column 1 is ±[1, 1]/√2.
    expect(Math.abs(vectors.data[0]!)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(vectors.data[0]! * vectors.data[2]!).toBeCloseTo(-0.5, 15);
    expect(vectors.data[1]! * vectors.data[3]!).toBeCloseTo(0.5, 15);
  });

  it('solves a 3×3 case by hand: tridiag(−1, 2, −1) has 2 − √2, 2, 2 + √2', () => {
    const a = denseMatrixFromRows([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
    expectClose(eigvalsh(a), [2 - Math.SQRT2, 2, 2 + Math.SQRT2], 16 * eps);
  });

  it('sorts the eigenvalues ascending, with their vectors', () => {
    const { values, vectors } = eigh(denseMatrixFromRows([[3, 0, 0], [0, -1, 0], [0, 0, 2]]));
    expect(Array.from(values)).toEqual([-1, 2, 3]);
    // Column 0 belongs to −1, the second diagonal entry.
    expect(Math.abs(vectors.data[1 * 3 + 0]!)).toBe(1);
  });

  it('handles 0×0 and 1×1', () => {
    expect(eigh(denseMatrix(0, 0)).values.length).toBe(0);
    const { values, vectors } = eigh(denseMatrix(1, 1, [-4]));
    expect(Array.from(values)).toEqual([-4]);
    expect(Math.abs(vectors.data[0]!)).toBe(1);
  });

  it('survives entries near the subnormal range (ml-matrix alone ran off its arrays here)', () => {
    // Found by fast-check: tql2's convergence test ε·max(|d| + |e|) underflowed to 0.
    const a = denseMatrix(3, 3, [3.552713678800501e-15, 5e-324, 1.78e-307, 5e-324, 0, 0, 1.78e-307, 0, 0]);
    const { values, vectors } = eigh(a);
    expect(values[2]).toBe(3.552713678800501e-15);
    expect(maxAbsDifference(matmul(transpose(vectors), vectors), identityMatrix(3))).toBeLessThanOrEqual(4 * Number.EPSILON);
    expect(eigh(denseMatrix(2, 2, [5e-324, 0, 0, 1e-320])).values).toEqual(new Float64Array([5e-324, 1e-320]));
    expect(eigh(denseMatrix(2, 2)).vectors).toEqual(identityMatrix(2));
  });

  it('stays orthonormal for entries of any magnitude', () => {
    const anyMagnitude = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc
        .array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { minLength: n * n, maxLength: n * n })
        .map((data) => symmetrize(denseMatrix(n, n, data))),
    );
    fc.assert(
      fc.property(anyMagnitude, (a) => {
        const { vectors } = eigh(a);
        expect(maxAbsDifference(matmul(transpose(vectors), vectors), identityMatrix(a.rows))).toBeLessThanOrEqual(
          reconstructionTolerance(a.rows, 1),
        );
      }),
    );
  });

  it('rejects non-square and non-symmetric input', () => {
    expect(() => eigh(denseMatrix(1, 2))).toThrow(InvalidArgumentError);
    expect(() => eigvalsh(denseMatrix(2, 2, [1, 2, 3, 4]))).toThrow(ValidationError);
    expect(() => eigvalsh(denseMatrix(2, 2, [1, 2, 3, 4]))).toThrow(/Matrix must be symmetric/);
  });

  it('reconstructs random symmetric matrices with orthonormal vectors and ascending values', () => {
    fc.assert(
      fc.property(symmetricMatrixArbitrary(), (a) => {
        const n = a.rows;
        const { values, vectors } = eigh(a);
        const tolerance = reconstructionTolerance(n, frobeniusNorm(a));
        expect(maxAbsDifference(rebuild(values, vectors), a)).toBeLessThanOrEqual(tolerance);
        expect(maxAbsDifference(matmul(transpose(vectors), vectors), identityMatrix(n))).toBeLessThanOrEqual(
          reconstructionTolerance(n, 1),
        );
        for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
        expect(eigvalsh(a)).toEqual(values);
      }),
    );
  });

  it('finds every eigenvalue of B·Bᵀ + n·I at least n (up to rounding)', () => {
    fc.assert(
      fc.property(spdMatrixArbitrary(), (a) => {
        const n = a.rows;
        expect(eigvalsh(a)[0]!).toBeGreaterThanOrEqual(n - reconstructionTolerance(n, frobeniusNorm(a)));
      }),
    );
  });
});
