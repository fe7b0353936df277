/**
 * The straightforward MCC, kept as the reference for tests: `|cos|` blocks from the backend
 * (`absCosineSimilarityRows`), the whole `1 − |cos|` matrix, one exact assignment. Not exported
 * from the package.
 */
import type { Backend, Tensor2D } from '@synth/core';
import { linearSumAssignment } from '../assignment/linear-sum-assignment';
import { absCosineSimilarityRows } from '../cosine-similarities';

/**
 * Same contract as `meanCorrelationCoefficient`.
 *
 * @example
 * ```ts
 * referenceMeanCorrelationCoefficient(backend, a, b); // 0.97
 * ```
 */
export function referenceMeanCorrelationCoefficient(backend: Backend, a: Tensor2D, b: Tensor2D): number {
  const [rows, columns] = [a.shape[0], b.shape[0]];
  const cost = new Float32Array(rows * columns);
  absCosineSimilarityRows(backend, a, b, (first, block) => {
    for (let k = 0; k < block.length; k++) cost[first * columns + k] = 1 - block[k]!;
  });
  const { rowIndices, columnIndices } = linearSumAssignment(cost, rows, columns);
  if (rowIndices.length === 0) return Number.NaN;
  let total = 0;
  for (let k = 0; k < rowIndices.length; k++) total += 1 - cost[rowIndices[k]! * columns + columnIndices[k]!]!;
  return total / rowIndices.length;
}
