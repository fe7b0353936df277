import { InvalidArgumentError, ValidationError, denseMatrix, identityMatrix, matmul, transpose } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRandomCorrelationMatrix } from './generate-random-correlation-matrix';
import { validateCorrelationMatrix } from './validate-correlation-matrix';

describe('validateCorrelationMatrix', () => {
  it('returns the Cholesky factor of a valid matrix, from a DenseMatrix or a flat array', () => {
    const l = validateCorrelationMatrix(denseMatrix(2, 2, [1, 0.5, 0.5, 1]), 2);
    expect(l.data[2]).toBe(0.5);
    expect(l.data[3]).toBeCloseTo(Math.sqrt(0.75), 15);
    expect(validateCorrelationMatrix(new Float32Array([1, 0.5, 0.5, 1]), 2)).toEqual(l);
    expect(validateCorrelationMatrix(new Float64Array(0), 0).rows).toBe(0);
  });

  it.each([
    [denseMatrix(2, 3), 2, 'Correlation matrix must have shape (2, 2), got (2, 3)'],
    [identityMatrix(3), 2, 'Correlation matrix must have shape (2, 2), got (3, 3)'],
    [new Float64Array(5), 2, 'Correlation matrix must have shape (2, 2), got 5 entries'],
  ] as const)('rejects a wrong shape', (matrix, n, message) => {
    expect(() => validateCorrelationMatrix(matrix, n)).toThrow(InvalidArgumentError);
    expect(() => validateCorrelationMatrix(matrix, n)).toThrow(message);
  });

  it.each([
    [[1.001, 0, 0, 1], 'Correlation matrix diagonal must be all 1s'],
    [[Number.NaN, 0, 0, 1], 'Correlation matrix diagonal must be all 1s'],
    [[1, 1, 1, 1], 'Correlation matrix must be positive definite'],
    [[1, 2, 2, 1], 'Correlation matrix must be positive definite'],
    [[1, 0.5, 0.1, 1], 'Correlation matrix must be symmetric'],
  ])('rejects %j', (values, message) => {
    expect(() => validateCorrelationMatrix(new Float64Array(values), 2)).toThrow(ValidationError);
    expect(() => validateCorrelationMatrix(new Float64Array(values), 2)).toThrow(message);
  });

  it('accepts a diagonal within allclose tolerance (1e-5 + 1e-8) and float32 rounding asymmetry', () => {
    expect(() => validateCorrelationMatrix(new Float64Array([1 + 9e-6, 0, 0, 1 - 9e-6]), 2)).not.toThrow();
    expect(() => validateCorrelationMatrix(new Float64Array([1, 0.3, 0.3 + 1e-7, 1]), 2)).not.toThrow();
  });

  it('factors every generated correlation matrix: L·Lᵀ = C (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.nat(), (n, seed) => {
        const c = generateRandomCorrelationMatrix(n, { seed });
        const l = validateCorrelationMatrix(c, n);
        matmul(l, transpose(l)).data.forEach((v, k) => expect(Math.abs(v - c.data[k]!)).toBeLessThan(1e-12));
      }),
      { numRuns: 100 },
    );
  });
});
