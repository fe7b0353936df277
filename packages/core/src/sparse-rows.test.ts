import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { createSparseRows, sparseRowIndices, sparseRowsFromDense, sparseRowsToDense } from './sparse-rows';

const denseMatrix = fc
  .record({ rows: fc.integer({ min: 0, max: 6 }), columns: fc.integer({ min: 0, max: 6 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rows: fc.constant(rows),
      columns: fc.constant(columns),
      data: fc.array(fc.oneof(fc.constant(0), fc.float({ noNaN: true, noDefaultInfinity: true })), { minLength: rows * columns, maxLength: rows * columns }),
    }),
  );

describe('SparseRows', () => {
  it('round-trips dense → sparse → dense and validates its own output', () => {
    fc.assert(
      fc.property(denseMatrix, ({ rows, columns, data }) => {
        const dense = Float32Array.from(data);
        const sparse = sparseRowsFromDense(dense, rows, columns);
        createSparseRows(rows, columns, sparse.rowOffsets, sparse.columnIndices, sparse.values);
        expect(sparseRowsToDense(sparse)).toEqual(dense.map((v) => (v === 0 ? 0 : v)));
        expect(sparse.values.every((v) => v !== 0)).toBe(true);
        const rowIndices = sparseRowIndices(sparse);
        rowIndices.forEach((r, k) => expect(dense[r * columns + sparse.columnIndices[k]!]).toBe(sparse.values[k]));
      }),
    );
  });

  it.each([
    ['rowOffsets', () => createSparseRows(2, 2, new Int32Array([0, 1]), new Int32Array([0]), new Float32Array([1]))],
    ['values', () => createSparseRows(1, 2, new Int32Array([0, 1]), new Int32Array([0]), new Float32Array([1, 2]))],
    ['rowOffsets[0]', () => createSparseRows(1, 2, new Int32Array([1, 1]), new Int32Array([0]), new Float32Array([1]))],
    ['rowOffsets[1]', () => createSparseRows(1, 2, new Int32Array([0, 0]), new Int32Array([0]), new Float32Array([1]))],
    ['columnIndices[1]', () => createSparseRows(1, 3, new Int32Array([0, 2]), new Int32Array([1, 1]), new Float32Array([1, 2]))],
    ['columnIndices[0]', () => createSparseRows(1, 2, new Int32Array([0, 1]), new Int32Array([2]), new Float32Array([1]))],
    ['rows', () => createSparseRows(-1, 2, new Int32Array([0]), new Int32Array(0), new Float32Array(0))],
  ])('rejects a bad %s', (parameter, build) => {
    expect(build).toThrow(InvalidArgumentError);
    try {
      build();
    } catch (error) {
      expect((error as InvalidArgumentError).parameter).toBe(parameter);
    }
  });
});
