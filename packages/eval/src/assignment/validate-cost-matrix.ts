/**
 * Boundary checks for {@link linearSumAssignment}: integer sizes, a typed array of the right
 * length, and finite entries.
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';
import type { CostMatrix } from './assignment-workspace';

/**
 * Throws unless `cost` is a `Float64Array` or `Float32Array` of `rows × columns` finite numbers.
 * The element check names the first bad entry in row-major order, e.g. `cost[2][5]`.
 *
 * @example
 * ```ts
 * validateCostMatrix(new Float64Array([0, 1, 2, 3]), 2, 2); // ok
 * ```
 * @throws InvalidArgumentError for a non-integer or negative size, a wrong type or length, or a
 *   NaN or infinite entry.
 */
export function validateCostMatrix(cost: unknown, rows: unknown, columns: unknown): asserts cost is CostMatrix {
  assertInteger('rows', rows, 0);
  assertInteger('columns', columns, 0);
  if (!(cost instanceof Float64Array || cost instanceof Float32Array)) {
    throw new InvalidArgumentError('cost', 'a Float64Array or Float32Array', cost);
  }
  const size = rows * columns;
  if (cost.length !== size) {
    throw new InvalidArgumentError('cost', `rows × columns = ${rows} × ${columns} = ${size} entries`, cost);
  }
  for (let index = 0; index < size; index++) {
    const value = cost[index]!;
    // x - x is 0 for every finite x and NaN for NaN and ±Infinity.
    if (value - value !== 0) {
      const row = Math.floor(index / columns);
      throw new InvalidArgumentError(`cost[${row}][${index - row * columns}]`, 'a finite number', value);
    }
  }
}
