import { InvalidArgumentError, denseMatrix, eigvalsh } from '@synth/core';
import type { DenseMatrix } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCorrelationMatrixFromCorrelations } from './create-correlation-matrix';
import { fixCorrelationMatrix } from './fix-correlation-matrix';

const at = (m: DenseMatrix, i: number, j: number) => m.data[i * m.columns + j]!;

/** Symmetric, unit diagonal, eigenvalues >= −1e-6 (what SAELens guarantees after its check). */
function expectCorrelationMatrix(m: DenseMatrix): void {
  const n = m.rows;
  for (let i = 0; i < n; i++) {
    expect(at(m, i, i)).toBe(1);
    for (let j = 0; j < n; j++) expect(at(m, i, j)).toBe(at(m, j, i));
  }
  if (n > 0) expect(eigvalsh(m)[0]!).toBeGreaterThanOrEqual(-1e-6);
}

describe('createCorrelationMatrixFromCorrelations', () => {
  it('writes each pair symmetrically onto the identity', () => {
    const m = createCorrelationMatrixFromCorrelations(3, [[0, 1, 0.8], [2, 1, -0.3]]);
    expect(Array.from(m.data)).toEqual([1, 0.8, 0, 0.8, 1, -0.3, 0, -0.3, 1]);
  });

  it('fills unlisted pairs with defaultCorrelation; a later entry for a pair wins', () => {
    const m = createCorrelationMatrixFromCorrelations(3, [[0, 1, 0.5], [1, 0, 0.6]], 0.2);
    expect(Array.from(m.data)).toEqual([1, 0.6, 0.2, 0.6, 1, 0.2, 0.2, 0.2, 1]);
  });

  it('gives the identity with no correlations, and a 0×0 matrix for 0 features', () => {
    expect(Array.from(createCorrelationMatrixFromCorrelations(2).data)).toEqual([1, 0, 0, 1]);
    expect(createCorrelationMatrixFromCorrelations(0)).toEqual({ rows: 0, columns: 0, data: new Float64Array(0) });
  });

  it('repairs a matrix that is not positive semi-definite', () => {
    // Pairwise −0.9 among three features: λ_min = 1 − 1.8 = −0.8 < −1e-6.
    const m = createCorrelationMatrixFromCorrelations(3, [], -0.9);
    expectCorrelationMatrix(m);
    expect(at(m, 0, 1)).toBeCloseTo(-0.5, 5);
    expect(m).toEqual(fixCorrelationMatrix(denseMatrix(3, 3, [1, -0.9, -0.9, -0.9, 1, -0.9, -0.9, -0.9, 1])));
  });

  it.each([
    [[[0, 3, 0.5]], 'Invalid correlations[0][1]: expected a feature index in [0, 3) other than 0, got 3.'],
    [[[-1, 2, 0.5]], 'Invalid correlations[0][0]'],
    [[[1, 1, 0.5]], 'other than 1, got 1.'],
    [[[0.5, 1, 0.5]], 'Invalid correlations[0][0]'],
    [[[0, 1, 0.1], [0, 2, 1.5]], 'Invalid correlations[1][2]: expected a correlation in [-1, 1], got 1.5.'],
    [[[0, 1, Number.NaN]], 'Invalid correlations[0][2]'],
  ] as const)('rejects %j', (entries, message) => {
    expect(() => createCorrelationMatrixFromCorrelations(3, entries)).toThrow(InvalidArgumentError);
    expect(() => createCorrelationMatrixFromCorrelations(3, entries)).toThrow(message);
  });

  it('rejects a bad numFeatures or defaultCorrelation', () => {
    expect(() => createCorrelationMatrixFromCorrelations(-1)).toThrow('Invalid numFeatures');
    expect(() => createCorrelationMatrixFromCorrelations(2.5)).toThrow('Invalid numFeatures');
    expect(() => createCorrelationMatrixFromCorrelations(2, [], 2)).toThrow('Invalid defaultCorrelation');
  });

  it('always returns a symmetric, unit-diagonal, PSD matrix that keeps valid input exactly (property)', () => {
    const entries = (n: number) =>
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: -1, max: 1, noNaN: true })).filter(([i, j]) => i !== j), { maxLength: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((n) => fc.tuple(fc.constant(n), entries(n), fc.double({ min: -1, max: 1, noNaN: true }))),
        ([n, list, fallback]) => {
          const m = createCorrelationMatrixFromCorrelations(n, list, fallback);
          expectCorrelationMatrix(m);
          const raw = new Float64Array(n * n).fill(fallback);
          for (let i = 0; i < n; i++) raw[i * n + i] = 1;
          for (const [i, j, c] of list) raw[i * n + j] = raw[j * n + i] = c;
          if (eigvalsh(denseMatrix(n, n, raw))[0]! >= -1e-6) expect(Array.from(m.data)).toEqual(Array.from(raw));
        },
      ),
      { numRuns: 200 },
    );
  });
});
