import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { INVERSE_CDF_REFERENCE } from './__fixtures__/normal-reference';
import { normalCdf } from './normal-cdf';
import { normalInverseCdf } from './normal-inverse-cdf';

describe('normalInverseCdf', () => {
  it('matches known values', () => {
    // Quoted values (scipy) are Φ⁻¹ of the real 0.975 etc.; the doubles 0.975, 0.025 and 1e-10 are
    // a little off those, and the correctly rounded Φ⁻¹ of the doubles (mpmath) is one ulp away
    // for two of them: 1.9599639845400538, -1.9599639845400543, -6.361340902404057.
    expect(normalInverseCdf(0.975)).toBe(1.9599639845400538);
    expect(normalInverseCdf(0.975)).toBeCloseTo(1.959963984540054, 15);
    expect(normalInverseCdf(0.025)).toBeCloseTo(-1.959963984540054, 15);
    expect(Math.abs(normalInverseCdf(1e-10) - -6.361340902404056)).toBeLessThanOrEqual(2 * 8.9e-16);
    expect(normalInverseCdf(0.5)).toBe(0);
    expect(normalInverseCdf(0)).toBe(-Infinity);
    expect(normalInverseCdf(1)).toBe(Infinity);
  });

  // Measured worst case against mpmath over p in [1e-300, 1): 4.4e-16 relative (2.2e-16 where
  // |x| >= 1); the centre is resolved to a relative ulp too, through the series for Φ(x) − 1/2.
  it('is accurate to 2ε relative everywhere', () => {
    for (const [p, exact] of INVERSE_CDF_REFERENCE) {
      const error = Math.abs(normalInverseCdf(p) - exact);
      expect(error, `p = ${p}`).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(exact));
    }
  });

  it('is exactly antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p) for p >= 0.5', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1, noNaN: true }), (p) => {
        // `===`, not toBe: at p = 0.5 both are zero, and +0 === −0.
        expect(normalInverseCdf(1 - p) === -normalInverseCdf(p)).toBe(true);
      }),
    );
  });

  it('is monotone next to the centre, where Φ ≈ 1/2 leaves few bits', () => {
    const near = [0.4999999999999997, 0.4999999999999998, 0.4999999999999999, 0.5, 0.5000000000000001, 0.5000000000000002];
    const quantiles = near.map(normalInverseCdf);
    for (let k = 1; k < quantiles.length; k++) expect(quantiles[k]!).toBeGreaterThan(quantiles[k - 1]!);
  });

  it('inverts normalCdf (relative to p in the lower half) and is monotone', () => {
    const probability = fc.double({ min: 1e-300, max: 0.5, noNaN: true });
    fc.assert(
      fc.property(probability, probability, (a, b) => {
        // Φ(Φ⁻¹(p)) = p within the error of x (≤ 2ε·|x|) times the slope φ/Φ ≈ |x|, plus Φ's own 4ε.
        const x = normalInverseCdf(a);
        const slack = (4 + 2 * (1 + x * x)) * Number.EPSILON;
        expect(Math.abs(normalCdf(x) - a) / a).toBeLessThanOrEqual(slack);
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(normalInverseCdf(low)).toBeLessThanOrEqual(normalInverseCdf(high));
      }),
    );
  });

  it('gives finite, ordered results for subnormal p, to within 0.01', () => {
    // Φ near a subnormal p carries few significant bits, so the Halley polish cannot refine it:
    // Φ⁻¹(5e-324) = −38.46741 (mpmath) comes out as −38.4646.
    const values = [5e-324, 1e-320, 1e-310, 2.2250738585072014e-308].map(normalInverseCdf);
    for (const value of values) expect(Number.isFinite(value)).toBe(true);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(Math.abs(values[0]! - -38.467405617144344)).toBeLessThan(0.01);
  });

  it.each([-0.1, 1.1, Number.NaN, Infinity, -Infinity])('rejects p = %s', (p) => {
    expect(() => normalInverseCdf(p)).toThrow(InvalidArgumentError);
    expect(() => normalInverseCdf(p)).toThrow(`Invalid p: expected a number in [0, 1], got ${p}.`);
  });

  it('rejects every number outside [0, 1]', () => {
    const outside = fc.oneof(fc.double({ max: -Number.MIN_VALUE }), fc.double({ min: 1 + Number.EPSILON }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(outside, (p) => {
        expect(() => normalInverseCdf(p)).toThrow(InvalidArgumentError);
      }),
    );
  });
});
