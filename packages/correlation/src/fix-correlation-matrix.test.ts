import { denseMatrix, eigvalsh, identityMatrix } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixCorrelationMatrix } from './fix-correlation-matrix';

describe('fixCorrelationMatrix', () => {
  it('moves an impossible matrix to the nearest valid one', () => {
    // Eigenvalues −0.8 (along 1) and 1.9, 1.9: clipping −0.8 to 1e-6 and rescaling gives −0.5 off the diagonal.
    const fixed = fixCorrelationMatrix(denseMatrix(3, 3, [1, -0.9, -0.9, -0.9, 1, -0.9, -0.9, -0.9, 1]));
    // Exactly (−0.9 + 0.800001/3) / (1 + 0.800001/3).
    const expected = (-0.9 + 0.800001 / 3) / (1 + 0.800001 / 3);
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]] as const) expect(fixed.data[i * 3 + j]).toBeCloseTo(expected, 12);
    expect([fixed.data[0], fixed.data[4], fixed.data[8]]).toEqual([1, 1, 1]);
  });

  it('leaves a well-conditioned correlation matrix unchanged (to rounding)', () => {
    const m = denseMatrix(2, 2, [1, 0.3, 0.3, 1]);
    fixCorrelationMatrix(m).data.forEach((v, k) => expect(v).toBeCloseTo(m.data[k]!, 12));
    expect(fixCorrelationMatrix(identityMatrix(0)).rows).toBe(0);
  });

  it('rejects a bad minEigenvalue', () => {
    expect(() => fixCorrelationMatrix(identityMatrix(2), -1)).toThrow('Invalid minEigenvalue');
  });

  it('returns a symmetric, unit-diagonal, PSD matrix for any symmetric input (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }))),
        ([n, values]) => {
          const fixed = fixCorrelationMatrix(denseMatrix(n, n, values));
          for (let i = 0; i < n; i++) {
            expect(fixed.data[i * n + i]).toBe(1);
            for (let j = 0; j < n; j++) expect(fixed.data[i * n + j]).toBe(fixed.data[j * n + i]);
          }
          // Clipped at 1e-6, then rescaled by diagonals <= 1 + n: the minimum stays above −1e-9.
          expect(eigvalsh(fixed)[0]!).toBeGreaterThan(-1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
