import { InvalidArgumentError } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FoldedNormalMagnitudeConfig } from './folded-normal-magnitude-config';
import { ConstantMagnitudeConfig, ExponentialMagnitudeConfig, LinearMagnitudeConfig } from './magnitude-configs';
import { camelCaseKeys, closeTo, magnitudeFixture } from './testing/fixtures';

const fixture = magnitudeFixture();
type Options = Record<string, number>;
const construct: Record<string, (options: Options) => unknown> = {
  LinearMagnitudeConfig: (o) => new LinearMagnitudeConfig(o as { start: number; end: number }),
  ExponentialMagnitudeConfig: (o) => new ExponentialMagnitudeConfig(o as { start: number; end: number }),
  FoldedNormalMagnitudeConfig: (o) => new FoldedNormalMagnitudeConfig(o),
};
// SAELens computes in float32 and synth in float64 rounded once: 1e-6 relative is about 8 float32 steps.
const relative = (expected: readonly number[]) => (i: number) => 1e-6 * Math.abs(expected[i]!);

describe('deterministic magnitudes: parity with SAELens', () => {
  it.each(fixture.constant)('constant $value, n=$numFeatures', (c) => {
    expect(new ConstantMagnitudeConfig({ value: c.value }).generate(c.numFeatures)).toEqual(Float32Array.from(c.expected));
  });

  it.each(fixture.linear)('linear $start -> $end, n=$numFeatures', (c) => {
    const actual = new LinearMagnitudeConfig(c).generate(c.numFeatures);
    expect(closeTo(actual, c.expected, relative(c.expected))).toBeUndefined();
    expect(actual[0]).toBe(Math.fround(c.start));
  });

  it.each(fixture.exponential)('exponential $start -> $end, n=$numFeatures', (c) => {
    const actual = new ExponentialMagnitudeConfig(c).generate(c.numFeatures);
    expect(closeTo(actual, c.expected, relative(c.expected))).toBeUndefined();
    expect(closeTo(actual, c.expectedFloat64!, relative(c.expectedFloat64!))).toBeUndefined();
  });
});

describe('construction-time validation matches SAELens', () => {
  it.each(fixture.validation)('$className($kwargs) -> $error', ({ className, kwargs, error }) => {
    const call = (): unknown => construct[className]!(camelCaseKeys(kwargs));
    if (error === null) expect(call).not.toThrow();
    else {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(error);
    }
  });

  it('linear and exponential reject exactly non-positive (or non-finite) ends (property)', () => {
    const end = fc.oneof(fc.double(), fc.double({ min: 1e-6, max: 1e6 }));
    fc.assert(
      fc.property(end, end, (start, stop) => {
        const valid = start > 0 && stop > 0 && Number.isFinite(start) && Number.isFinite(stop);
        const linear = (): unknown => new LinearMagnitudeConfig({ start, end: stop });
        const exponential = (): unknown => new ExponentialMagnitudeConfig({ start, end: stop });
        if (valid) {
          expect(linear).not.toThrow();
          expect(exponential).not.toThrow();
        } else {
          expect(linear).toThrow('start and end must be positive');
          expect(exponential).toThrow('start and end must be positive for exponential scale');
        }
      }),
    );
  });
});

describe('interpolation invariants (properties)', () => {
  const positive = fc.double({ min: 1e-3, max: 1e3, noNaN: true });

  it('linear: [start] for n = 1, exact ends, monotone in the direction of end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), positive, positive, (n, start, end) => {
        const values = new LinearMagnitudeConfig({ start, end }).generate(n);
        expect(values[0]).toBe(Math.fround(start));
        if (n > 1) expect(values[n - 1]).toBe(Math.fround(end));
        const sign = Math.sign(end - start);
        expect(values.every((v, i) => i === 0 || sign * (v - values[i - 1]!) >= 0)).toBe(true);
      }),
    );
  });

  it('exponential: exact ends, constant log-step (geometric), no overflow for extreme ratios', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 500 }), positive, positive, (n, start, end) => {
        const values = new ExponentialMagnitudeConfig({ start, end }).generate(n);
        expect(values[0]).toBe(Math.fround(start));
        expect(values[n - 1]).toBe(Math.fround(end));
        const step = Math.log(end / start) / (n - 1);
        // float32 rounding moves each log-value by at most 2^-24; allow 4 of those per step.
        expect(values.every((v, i) => Math.abs(Math.log(v / start) - i * step) <= 4 * 2 ** -24 + 1e-12 * i)).toBe(true);
      }),
    );
    const extreme = new ExponentialMagnitudeConfig({ start: 1e-300, end: 1e300 }).generate(3);
    expect(Array.from(extreme)).toEqual([0, 1, Infinity]); // float64 1e-300, 1, 1e300 rounded to float32
  });

  it('n = 0 gives an empty vector and a non-integer n throws', () => {
    expect(new LinearMagnitudeConfig({ start: 1, end: 2 }).generate(0)).toHaveLength(0);
    expect(new ExponentialMagnitudeConfig({ start: 1, end: 2 }).generate(0)).toHaveLength(0);
    expect(() => new ExponentialMagnitudeConfig({ start: 1, end: 2 }).generate(1.5)).toThrow(InvalidArgumentError);
    expect(() => new ConstantMagnitudeConfig().generate(-1)).toThrow(InvalidArgumentError);
  });
});
