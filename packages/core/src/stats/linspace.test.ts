import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { linspace } from './linspace';

describe('linspace', () => {
  it('matches small known cases', () => {
    expect(linspace(0, 1, 5)).toEqual(new Float64Array([0, 0.25, 0.5, 0.75, 1]));
    expect(linspace(3, 7, 1)).toEqual(new Float64Array([3]));
    expect(linspace(3, 7, 0)).toEqual(new Float64Array(0));
    expect(linspace(1, -1, 3)).toEqual(new Float64Array([1, 0, -1]));
    expect(linspace(2, 2, 4)).toEqual(new Float64Array([2, 2, 2, 2]));
  });

  it('anchors the second half at the end, as torch does', () => {
    // step = 0.1/3 is inexact; torch's value at i = 2 (n = 4) is end − 1·step, not start + 2·step.
    const values = linspace(0, 0.1, 4);
    const step = 0.1 / 3;
    expect(values[1]).toBe(step);
    expect(values[2]).toBe(0.1 - step);
    expect(values[3]).toBe(0.1);
  });

  it('has exact end points, the first half from start and the rest from end', () => {
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(finite, finite, fc.integer({ min: 2, max: 50 }), (start, end, n) => {
        const values = linspace(start, end, n);
        expect(values.length).toBe(n);
        // `===` rather than toBe: with end = −0 the formula gives +0 (so does torch).
        expect(values[0] === start && values[n - 1] === end).toBe(true);
        const step = (end - start) / (n - 1);
        for (let i = 0; i < n; i++) {
          expect(values[i]).toBe(i < Math.floor(n / 2) ? start + i * step : end - (n - 1 - i) * step);
        }
      }),
    );
  });

  it.each([
    [() => linspace(Number.NaN, 1, 2), 'Invalid start: expected a finite number, got NaN.'],
    [() => linspace(0, Infinity, 2), 'Invalid end: expected a finite number, got Infinity.'],
    [() => linspace(0, 1, -1), 'Invalid n: expected an integer >= 0, got -1.'],
    [() => linspace(0, 1, 2.5), 'Invalid n: expected an integer >= 0, got 2.5.'],
    [() => linspace(0, 1, Number.NaN), 'Invalid n: expected an integer >= 0, got NaN.'],
  ])('rejects bad arguments (%#)', (call, message) => {
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(message);
  });
});
