import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { CDF_REFERENCE } from './__fixtures__/normal-reference';
import { normalCdf } from './normal-cdf';

describe('normalCdf', () => {
  it('matches known values', () => {
    expect(normalCdf(1)).toBe(0.8413447460685429);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });

  // Measured worst cases against mpmath: 8.6e-16 relative (x <= 0), 1.2e-16 absolute (x > 0).
  // The bounds below are those rounded up to whole multiples of ε = 2.2e-16.
  it('has relative error <= 4ε in the lower tail, down to Φ = 1e-300', () => {
    for (const [x, exact] of CDF_REFERENCE) {
      if (x > 0 || exact < 1e-300) continue;
      expect(Math.abs(normalCdf(x) - exact) / exact, `x = ${x}`).toBeLessThanOrEqual(4 * Number.EPSILON);
    }
  });

  it('has absolute error <= ε above 0', () => {
    for (const [x, exact] of CDF_REFERENCE) {
      if (x <= 0) continue;
      expect(Math.abs(normalCdf(x) - exact), `x = ${x}`).toBeLessThanOrEqual(Number.EPSILON);
    }
  });

  it('is monotone and satisfies Φ(x) + Φ(−x) = 1 to an ulp', () => {
    const x = fc.double({ min: -40, max: 40, noNaN: true });
    fc.assert(
      fc.property(x, x, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(normalCdf(low)).toBeLessThanOrEqual(normalCdf(high));
        expect(Math.abs(normalCdf(a) + normalCdf(-a) - 1)).toBeLessThanOrEqual(Number.EPSILON);
      }),
    );
  });

  it('rejects NaN', () => {
    expect(() => normalCdf(Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => normalCdf(Number.NaN)).toThrow('Invalid x: expected a number (not NaN), got NaN.');
  });
});
