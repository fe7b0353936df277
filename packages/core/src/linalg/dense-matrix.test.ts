import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { denseMatrix, denseMatrixFromRows, denseMatrixToRows, identityMatrix } from './dense-matrix';

describe('denseMatrix', () => {
  it('stores row-major data as a copy', () => {
    const source = [1, 2, 3, 4, 5, 6];
    const m = denseMatrix(2, 3, source);
    source[0] = 99;
    expect(m).toEqual({ rows: 2, columns: 3, data: new Float64Array([1, 2, 3, 4, 5, 6]) });
    expect(denseMatrixToRows(m)).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('makes a zero matrix without data, and empty shapes', () => {
    expect(denseMatrix(2, 2).data).toEqual(new Float64Array(4));
    expect(denseMatrix(0, 3).data.length).toBe(0);
  });

  it.each([
    [() => denseMatrix(-1, 2), /Invalid rows: expected an integer >= 0, got -1\./],
    [() => denseMatrix(2, 1.5), /Invalid columns: expected an integer >= 0, got 1.5\./],
    [() => denseMatrix(Number.NaN, 1), /Invalid rows/],
    [() => denseMatrix(2, 2, [1, 2, 3]), /Invalid data: expected 4 entries \(rows · columns = 2 · 2\), got an array of length 3\./],
    [() => denseMatrix(1, 2, [1, Number.NaN]), /Invalid data\[1\]: expected a finite number, got NaN\./],
    [() => denseMatrix(1, 2, [Infinity, 1]), /Invalid data\[0\]: expected a finite number, got Infinity\./],
    [() => denseMatrixFromRows([[1, 2], [3]]), /Invalid rows\[1\]: expected 2 entries like rows\[0\]/],
    [() => denseMatrixFromRows([[1, Number.NaN]]), /Invalid rows\[0\]\[1\]: expected a finite number, got NaN\./],
    [() => identityMatrix(-2), /Invalid n: expected an integer >= 0, got -2\./],
  ])('rejects bad arguments (%#)', (make, message) => {
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(message);
  });

  it('names the first non-finite entry, wherever it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.nat(), fc.constantFrom(Number.NaN, Infinity, -Infinity), (size, at, bad) => {
        const data = new Array<number>(size).fill(0.5);
        const index = at % size;
        data[index] = bad;
        expect(() => denseMatrix(1, size, data)).toThrow(`Invalid data[${index}]`);
      }),
    );
  });

  it('round-trips rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 }), (rows, columns) => {
        const data = Array.from({ length: rows * columns }, (_, k) => k / 3);
        const m = denseMatrix(rows, columns, data);
        expect(denseMatrixFromRows(denseMatrixToRows(m))).toEqual(rows === 0 ? denseMatrix(0, 0) : m);
      }),
    );
  });
});

describe('identityMatrix', () => {
  it('has ones on the diagonal only', () => {
    expect(denseMatrixToRows(identityMatrix(3))).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(identityMatrix(0)).toEqual({ rows: 0, columns: 0, data: new Float64Array(0) });
  });
});
