import { InvalidArgumentError } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearSumAssignment } from './linear-sum-assignment';

describe('linearSumAssignment validation', () => {
  const cases: readonly [string, unknown, unknown, unknown, string][] = [
    ['fractional rows', new Float64Array(4), 1.5, 2, 'Invalid rows: expected'],
    ['negative columns', new Float64Array(4), 2, -1, 'Invalid columns: expected'],
    ['NaN rows', new Float64Array(4), Number.NaN, 2, 'Invalid rows: expected'],
    ['a plain array', [1, 2, 3, 4], 2, 2, 'Invalid cost: expected a Float64Array or Float32Array, got an array of length 4.'],
    ['an Int32Array', new Int32Array(4), 2, 2, 'Invalid cost: expected a Float64Array or Float32Array'],
    ['a short matrix', new Float64Array(5), 2, 3, 'Invalid cost: expected rows × columns = 2 × 3 = 6 entries, got a Float64Array of length 5.'],
    ['a NaN entry', new Float64Array([0, 1, 2, Number.NaN, 4, 5]), 2, 3, 'Invalid cost[1][0]: expected a finite number, got NaN.'],
    ['an infinite entry', new Float32Array([0, Infinity, 2, 3]), 2, 2, 'Invalid cost[0][1]: expected a finite number, got Infinity.'],
    ['-Infinity in a tall matrix', new Float64Array([0, 1, 2, 3, 4, -Infinity]), 3, 2, 'Invalid cost[2][1]: expected a finite number, got -Infinity.'],
  ];
  for (const [name, cost, rows, columns, message] of cases) {
    it(`rejects ${name}`, () => {
      const call = (): unknown => linearSumAssignment(cost as Float64Array, rows as number, columns as number);
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    });
  }

  it('names the first non-finite entry in row-major order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(Number.NaN, Infinity, -Infinity),
        (rows, columns, first, second, bad) => {
          const cost = new Float64Array(rows * columns);
          const a = first % cost.length;
          const b = second % cost.length;
          cost[a] = bad;
          cost[b] = Number.NaN;
          const index = Math.min(a, b);
          const row = Math.floor(index / columns);
          expect(() => linearSumAssignment(cost, rows, columns)).toThrow(`Invalid cost[${row}][${index % columns}]:`);
        },
      ),
    );
  });
});
