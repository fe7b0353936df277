import { InvalidArgumentError, ValidationError } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRandomLowRankCorrelationMatrix } from './generate-random-low-rank-correlation-matrix';
import { impliedDiagonalTolerance, validateLowRankCorrelation } from './low-rank-correlation-matrix';

const f32 = (values: number[]) => new Float32Array(values);

describe('validateLowRankCorrelation', () => {
  it('accepts a unit-diagonal pair and infers the rank', () => {
    const lowRank = validateLowRankCorrelation(f32([0.6, 0, 0, 0.8]), f32([0.64, 0.36]), 2);
    expect(lowRank).toMatchObject({ numFeatures: 2, rank: 2 });
    expect(validateLowRankCorrelation(f32([]), f32([1, 1]), 2)).toMatchObject({ rank: 0 });
    expect(validateLowRankCorrelation(f32([]), f32([]), 0)).toMatchObject({ rank: 0 });
  });

  it.each([
    [f32([0.5, 0.5, 0.5]), f32([0.75, 0.75]), 2, undefined, 'correlation_factor must have shape (2, rank), got 3 entries'],
    [f32([0.5, 0.5]), f32([0.75, 0.75]), 2, 2, 'correlation_factor must have shape (2, rank)'],
    [f32([0.5, 0.5]), f32([0.75]), 2, undefined, 'correlation_diag must have shape (2,), got (1,)'],
    [f32([0.5, 0.5]), f32([0.75, 0]), 2, undefined, 'correlation_diag must have all positive values'],
    [f32([0.5, 0.5]), f32([0.75, Number.NaN]), 2, undefined, 'correlation_diag must have all positive values'],
    [f32([0.5, Number.NaN]), f32([0.75, 0.75]), 2, undefined, 'Invalid correlationFactor[1]'],
  ])('rejects bad input (%#)', (factor, diag, n, rank, message) => {
    expect(() => validateLowRankCorrelation(factor, diag, n, rank)).toThrow(InvalidArgumentError);
    expect(() => validateLowRankCorrelation(factor, diag, n, rank)).toThrow(message);
  });

  it('rejects a pair whose implied diagonal is not 1 (which SAELens lets through)', () => {
    expect(() => validateLowRankCorrelation(f32([0.5, 0.5]), f32([0.75, 0.5]), 2)).toThrow(ValidationError);
    expect(() => validateLowRankCorrelation(f32([0.5, 0.5]), f32([0.75, 0.5]), 2)).toThrow('row 1 has ‖F_i‖² + D_i = 0.25 + 0.5 = 0.75, not 1');
  });

  it('accepts exactly the pairs within the tolerance (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), fc.double({ min: -1e-3, max: 1e-3, noNaN: true }), (rank, seed, shift) => {
        const lowRank = generateRandomLowRankCorrelationMatrix(5, rank, 0.2, { seed, onWarning: () => {} });
        expect(() => validateLowRankCorrelation(lowRank.correlationFactor, lowRank.correlationDiag, 5)).not.toThrow();
        const diag = Float64Array.from(lowRank.correlationDiag);
        diag[2] = diag[2]! + shift;
        const ok = Math.abs(shift) <= impliedDiagonalTolerance(rank) - 1e-6; // margin for float32 rounding of D
        const bad = Math.abs(shift) > impliedDiagonalTolerance(rank) + 1e-6;
        if (ok && diag[2] > 0) expect(() => validateLowRankCorrelation(lowRank.correlationFactor, diag, 5)).not.toThrow();
        if (bad) expect(() => validateLowRankCorrelation(lowRank.correlationFactor, diag, 5)).toThrow(ValidationError);
      }),
    );
  });
});
