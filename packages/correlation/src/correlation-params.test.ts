import { InvalidArgumentError } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORRELATION_PARAMS, validateCorrelationParams } from './correlation-params';

describe('validateCorrelationParams', () => {
  it('fills in SAELens defaults', () => {
    expect(validateCorrelationParams()).toEqual({ positiveRatio: 0.5, uncorrelatedRatio: 0.3, minCorrelationStrength: 0.1, maxCorrelationStrength: 0.8 });
    expect(validateCorrelationParams({ positiveRatio: 0 })).toEqual({ ...DEFAULT_CORRELATION_PARAMS, positiveRatio: 0 });
  });

  it.each([
    [{ positiveRatio: 1.5 }, 'positive_ratio must be between 0.0 and 1.0'],
    [{ positiveRatio: -0.1 }, 'positive_ratio must be between 0.0 and 1.0'],
    [{ positiveRatio: Number.NaN }, 'positive_ratio must be between 0.0 and 1.0'],
    [{ uncorrelatedRatio: 2 }, 'uncorrelated_ratio must be between 0.0 and 1.0'],
    [{ uncorrelatedRatio: Number.NaN }, 'uncorrelated_ratio must be between 0.0 and 1.0'],
    [{ minCorrelationStrength: -0.1 }, 'min_correlation_strength must be non-negative'],
    [{ minCorrelationStrength: Number.NaN }, 'min_correlation_strength must be non-negative'],
    [{ maxCorrelationStrength: 1.1 }, 'max_correlation_strength must be <= 1.0'],
    [{ maxCorrelationStrength: Number.NaN }, 'max_correlation_strength must be <= 1.0'],
    [{ minCorrelationStrength: 0.5, maxCorrelationStrength: 0.4 }, 'min_correlation_strength must be <= max_correlation_strength'],
    // SAELens's order: the ratio is reported before the strengths.
    [{ positiveRatio: 2, minCorrelationStrength: -1 }, 'positive_ratio must be between 0.0 and 1.0'],
  ])('rejects %o with "%s"', (params, message) => {
    expect(() => validateCorrelationParams(params)).toThrow(InvalidArgumentError);
    expect(() => validateCorrelationParams(params)).toThrow(message);
  });

  it('names the parameter, the rule and the value', () => {
    expect(() => validateCorrelationParams({ positiveRatio: 1.5 })).toThrow(
      'Invalid positiveRatio: expected a number in [0, 1], got 1.5. (positive_ratio must be between 0.0 and 1.0)',
    );
  });

  it('accepts exactly the valid combinations (property)', () => {
    const value = fc.oneof(fc.double({ min: -2, max: 2 }), fc.constantFrom(Number.NaN, 0, 1));
    fc.assert(
      fc.property(value, value, value, value, (positiveRatio, uncorrelatedRatio, minCorrelationStrength, maxCorrelationStrength) => {
        const params = { positiveRatio, uncorrelatedRatio, minCorrelationStrength, maxCorrelationStrength };
        const valid =
          positiveRatio >= 0 && positiveRatio <= 1 && uncorrelatedRatio >= 0 && uncorrelatedRatio <= 1 &&
          minCorrelationStrength >= 0 && maxCorrelationStrength <= 1 && minCorrelationStrength <= maxCorrelationStrength;
        if (valid) expect(validateCorrelationParams(params)).toEqual(params);
        else expect(() => validateCorrelationParams(params)).toThrow(InvalidArgumentError);
      }),
    );
  });
});
