import { InvalidArgumentError } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearFiringProbabilities } from './linear-firing-probabilities';
import { randomFiringProbabilities } from './random-firing-probabilities';
import { EPS32, camelCaseKeys, closeTo, firingProbabilityFixture } from './testing/fixtures';
import { zipfianFiringProbabilities } from './zipfian-firing-probabilities';

const fixture = firingProbabilityFixture();
const helpers = { zipfian: zipfianFiringProbabilities, linear: linearFiringProbabilities, random: randomFiringProbabilities };

describe('zipfianFiringProbabilities: parity with SAELens', () => {
  it.each(fixture.zipfian)('n=$numFeatures exponent=$exponent [$minProb, $maxProb]', (c) => {
    const actual = zipfianFiringProbabilities(c.numFeatures, c);
    // Against the float64 evaluation of the same formula: one float32 rounding (2^-24 relative) apart.
    expect(closeTo(actual, c.expectedFloat64, (i) => 1e-6 * Math.abs(c.expectedFloat64[i]!))).toBeUndefined();
    // Against SAELens's float32 output. SAELens evaluates z_i = i^-a (|z| <= 1) and z_i - z_n in
    // float32, a few eps32 of absolute error, divides by z_1 - z_n (amplifying it by 1/(z_1 - z_n)) and
    // scales by (max - min); then rounds p (eps32 relative). Bound: 4·eps32·(max−min)/(z_1 − z_n) + eps32·|p|.
    const spread = 1 - c.numFeatures ** -c.exponent;
    const tolerance = (i: number): number => (4 * EPS32 * (c.maxProb - c.minProb)) / (spread || 1) + EPS32 * Math.abs(c.expected[i]!);
    expect(closeTo(actual, c.expected, tolerance)).toBeUndefined();
    // SAELens's own end points can be a float32 step off (0.29999998 for 0.3); synth's are exact.
    expect(actual[0]).toBe(Math.fround(c.maxProb));
    if (c.numFeatures > 1) expect(actual[c.numFeatures - 1]).toBe(Math.fround(c.minProb));
  });
});

describe('linearFiringProbabilities: parity with SAELens', () => {
  it.each(fixture.linear)('n=$numFeatures [$minProb, $maxProb]', (c) => {
    const actual = linearFiringProbabilities(c.numFeatures, c);
    // Same torch linspace kernel in float64, so exactly the float64 reference rounded once.
    expect(actual).toEqual(Float32Array.from(c.expectedFloat64));
    expect(closeTo(actual, c.expected, (i) => 1e-6 * Math.abs(c.expected[i]!))).toBeUndefined();
  });
});

describe('validation outcomes match SAELens', () => {
  it.each(fixture.validation)('$function(n=$numFeatures, $kwargs) -> $error', (c) => {
    const call = (): Float32Array => helpers[c.function](c.numFeatures, camelCaseKeys(c.kwargs));
    if (c.error === null) expect(call()).toHaveLength(c.numFeatures);
    else {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(c.error);
    }
  });
});

const probability = fc.double({ min: 1e-6, max: 1, noNaN: true });
const strictRange = fc.tuple(probability, probability).filter(([a, b]) => a !== b).map(([a, b]) => ({ minProb: Math.min(a, b), maxProb: Math.max(a, b) }));

function isNonIncreasing(values: Float32Array): boolean {
  return values.every((v, i) => i === 0 || v <= values[i - 1]!);
}

describe('firing-probability invariants (properties)', () => {
  it('zipfian: exact end points, non-increasing, within [min, max], no NaN', () => {
    const exponent = fc.oneof(fc.double({ min: 1e-3, max: 20, noNaN: true }), fc.constantFrom(Number.MIN_VALUE, 1e-300, 1e-12, 1e300, Infinity));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), exponent, strictRange, (n, a, range) => {
        const p = zipfianFiringProbabilities(n, { exponent: a, ...range });
        expect(p).toHaveLength(n);
        expect(p[0]).toBe(Math.fround(range.maxProb));
        expect(p[n - 1]).toBe(n === 1 ? Math.fround(range.maxProb) : Math.fround(range.minProb));
        expect(isNonIncreasing(p)).toBe(true);
        expect(p.every((v) => v >= Math.fround(range.minProb) && v <= Math.fround(range.maxProb))).toBe(true);
      }),
    );
  });

  it('linear: exact end points, non-increasing, constant when min == max', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), probability, probability, (n, a, b) => {
        const [minProb, maxProb] = [Math.min(a, b), Math.max(a, b)];
        const p = linearFiringProbabilities(n, { minProb, maxProb });
        expect(p[0]).toBe(Math.fround(maxProb));
        if (n > 1) expect(p[n - 1]).toBe(Math.fround(minProb));
        expect(isNonIncreasing(p)).toBe(true);
        expect(linearFiringProbabilities(n, { minProb, maxProb: minProb }).every((v) => v === Math.fround(minProb))).toBe(true);
      }),
    );
  });

  it('rejects exactly the inputs SAELens rejects, checking num_features first', () => {
    const anyNumber = fc.oneof(fc.double(), fc.constantFrom(0, 1, -0, 0.5));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double().filter((x) => !Number.isInteger(x))), anyNumber, anyNumber, anyNumber, (n, minProb, maxProb, exponent) => {
        for (const name of ['zipfian', 'linear', 'random'] as const) {
          const strict = name !== 'linear';
          const message = !(Number.isInteger(n) && n >= 1)
            ? 'num_features must be at least 1'
            : name === 'zipfian' && !(exponent > 0)
              ? 'exponent must be positive'
              : !(0 < minProb && (strict ? minProb < maxProb : minProb <= maxProb) && maxProb <= 1)
                ? `Must have 0 < min_prob ${strict ? '<' : '<='} max_prob <= 1`
                : undefined;
          const call = (): Float32Array => helpers[name](n, { minProb, maxProb, exponent });
          if (message === undefined) expect(call()).toHaveLength(n);
          else expect(call).toThrow(message);
        }
      }),
    );
  });
});
