import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { quantile, quantileSorted } from './quantile';

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });
const q = fc.double({ min: 0, max: 1, noNaN: true });

describe('quantileSorted', () => {
  it('interpolates linearly like numpy / torch.quantile', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    // h = 0.95·3 = 2.8499999999999996; w >= 0.5, so 4 − (1 − w)·1, as numpy prints it.
    expect(quantileSorted([1, 2, 3, 4], 0.95)).toBe(3.8499999999999996);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([5], 0.3)).toBe(5);
    expect(quantileSorted([0, 10], 0.5)).toBe(5);
  });

  it('returns an entry unchanged when h is whole, even an infinite one', () => {
    expect(quantileSorted([-Infinity, 0, Infinity], 1)).toBe(Infinity);
    expect(quantileSorted([-Infinity, 0, Infinity], 0.5)).toBe(0);
  });

  it('spans min to max, is monotone in q and stays within its neighbours', () => {
    fc.assert(
      fc.property(values, q, q, (raw, a, b) => {
        const sorted = Float64Array.from(raw).sort();
        expect(quantileSorted(sorted, 0)).toBe(sorted[0]);
        expect(quantileSorted(sorted, 1)).toBe(sorted[sorted.length - 1]);
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(quantileSorted(sorted, low)).toBeLessThanOrEqual(quantileSorted(sorted, high));
        const h = low * (sorted.length - 1);
        expect(quantileSorted(sorted, low)).toBeGreaterThanOrEqual(sorted[Math.floor(h)]!);
        expect(quantileSorted(sorted, low)).toBeLessThanOrEqual(sorted[Math.ceil(h)]!);
      }),
    );
  });

  it.each([
    [() => quantileSorted([], 0.5), 'Invalid sorted: expected a non-empty array, got an array of length 0.'],
    [() => quantileSorted([1, 3, 2], 0.5), 'Invalid sorted[2]: expected a number >= sorted[1] = 3 (ascending order), got 2.'],
    [() => quantileSorted([Number.NaN, 1], 0.5), 'Invalid sorted[0]: expected a number (not NaN), got NaN.'],
    [() => quantileSorted([1, Number.NaN], 0.5), 'Invalid sorted[1]: expected a number >= sorted[0] = 1 (ascending order), got NaN.'],
    [() => quantileSorted([1], 1.5), 'Invalid q: expected a number in [0, 1], got 1.5.'],
    [() => quantileSorted([1], Number.NaN), 'Invalid q: expected a number in [0, 1], got NaN.'],
  ])('rejects bad arguments (%#)', (call, message) => {
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(message);
  });
});

describe('quantile', () => {
  it('sorts a copy and leaves the input alone', () => {
    const input = [3, 1, 4, 2];
    expect(quantile(input, 0.25)).toBe(1.75);
    expect(input).toEqual([3, 1, 4, 2]);
  });

  it('does not depend on the order of the values', () => {
    fc.assert(
      fc.property(values, q, (raw, at) => {
        const sorted = Float64Array.from(raw).sort();
        expect(quantile([...raw].reverse(), at)).toBe(quantileSorted(sorted, at));
      }),
    );
  });

  it.each([
    [() => quantile([], 0.5), 'Invalid values: expected a non-empty array, got an array of length 0.'],
    [() => quantile([1, Number.NaN], 0.5), 'Invalid values[1]: expected a number (not NaN), got NaN.'],
    [() => quantile([1], -0.1), 'Invalid q: expected a number in [0, 1], got -0.1.'],
  ])('rejects bad arguments (%#)', (call, message) => {
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(message);
  });
});
