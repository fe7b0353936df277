import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { INVERSE_CDF_REFERENCE } from './__fixtures__/normal-reference';
import { normalInverseCdf } from './normal-inverse-cdf';
import { normalUpperThresholds } from './normal-upper-thresholds';

describe('normalUpperThresholds', () => {
  it('maps p to Φ⁻¹(1 − p), with the never and always firing ends', () => {
    const thresholds = normalUpperThresholds([0.5, 0.975, 0, 1]);
    expect(Object.is(thresholds[0], 0)).toBe(true);
    expect(thresholds[1]).toBeCloseTo(-1.959963984540054, 15);
    expect(thresholds[2]).toBe(Infinity);
    expect(thresholds[3]).toBe(-Infinity);
    expect(normalUpperThresholds(new Float32Array(0))).toEqual(new Float64Array(0));
  });

  it('keeps full precision for tiny p, where 1 − p would round to 1', () => {
    // 1 − 1e-20 === 1, so Φ⁻¹(1 − p) computed literally would be +∞.
    expect(normalUpperThresholds([1e-20])[0]).toBeCloseTo(9.262340089798409, 14);
    for (const [p, exact] of INVERSE_CDF_REFERENCE) {
      if (p > 1e-3) continue;
      const [threshold] = normalUpperThresholds([p]);
      expect(Math.abs(threshold! + exact) / Math.abs(exact), `p = ${p}`).toBeLessThanOrEqual(2 * Number.EPSILON);
    }
  });

  it('equals −Φ⁻¹(p) element-wise', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (ps) => {
        const thresholds = normalUpperThresholds(ps);
        ps.forEach((p, i) => expect(thresholds[i]).toBe(0 - normalInverseCdf(p)));
      }),
    );
  });

  it('names the first bad index', () => {
    const bad = () => normalUpperThresholds([0.1, 0.2, 0.3, 1.2, Number.NaN]);
    expect(bad).toThrow(InvalidArgumentError);
    expect(bad).toThrow('Invalid probabilities[3]: expected a number in [0, 1], got 1.2.');
    expect(() => normalUpperThresholds([Number.NaN])).toThrow('Invalid probabilities[0]: expected a number in [0, 1], got NaN.');
  });

  it('rejects any value outside [0, 1] wherever it is', () => {
    const outside = fc.oneof(fc.double({ max: -Number.MIN_VALUE }), fc.double({ min: 1 + Number.EPSILON }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }), outside, fc.nat(), (ps, value, at) => {
        const index = at % (ps.length + 1);
        ps.splice(index, 0, value);
        expect(() => normalUpperThresholds(ps)).toThrow(`Invalid probabilities[${index}]`);
      }),
    );
  });
});
