/**
 * The straightforward MCC matching: every `|cos|` on the backend, then one exact assignment.
 */
import type { Backend } from '@synth/core';
import { linearSumAssignment } from '../assignment/linear-sum-assignment';
import type { HostRows } from './host-rows';
import { unitRowBlock } from './host-rows';
import { prefixProducts } from './row-products';

/**
 * An optimal matching of every row of `a` (the smaller side) to a distinct row of `b`, with the
 * cost `1 − |cos|` (float32) of each matched pair.
 */
export interface Matching {
  readonly columnForRow: Int32Array;
  readonly costs: Float32Array;
}

/**
 * Forms the whole `a.count × b.count` cost matrix `1 − |cos|` from float32 matmuls of the unit
 * rows, `blockRows` rows of `a` at a time, and solves it exactly. Needs `a.count <= b.count`.
 *
 * @example
 * ```ts
 * const { columnForRow, costs } = denseMatching(backend, a, b, 512);
 * ```
 * @throws RangeError only if the `a.count × b.count` matrix cannot be allocated.
 */
export function denseMatching(backend: Backend, a: HostRows, b: HostRows, blockRows: number): Matching {
  const [rows, columns, width] = [a.count, b.count, a.width];
  const cost = new Float32Array(rows * columns);
  if (width === 0) {
    // Every cosine is 0 (zero rows), so every matching costs the same; TF.js cannot multiply
    // over an empty inner dimension on every backend.
    cost.fill(1);
  } else {
    const products = prefixProducts(backend, b, width);
    try {
      for (let first = 0; first < rows; first += blockRows) {
        const length = Math.min(blockRows, rows - first);
        const block = products.multiply(unitRowBlock(a, first, length, width), length);
        const base = first * columns;
        for (let k = 0; k < block.length; k++) cost[base + k] = 1 - Math.abs(block[k]!);
      }
    } finally {
      products.dispose();
    }
  }
  const { columnIndices } = linearSumAssignment(cost, rows, columns);
  const costs = new Float32Array(rows);
  for (let i = 0; i < rows; i++) costs[i] = cost[i * columns + columnIndices[i]!]!;
  return { columnForRow: columnIndices, costs };
}
