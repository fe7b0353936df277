/**
 * MCC: how well one set of feature vectors matches another, one to one.
 */
import type { Tensor2D } from '@synth/core';
import type { Backend } from '@synth/core';
import { linearSumAssignment } from './assignment/linear-sum-assignment';
import { absCosineSimilarityRows } from './cosine-similarities';
import type { BlockOptions } from './cosine-similarities';

/**
 * Mean Correlation Coefficient (O'Neill et al., arXiv:2411.13117): match rows of `a` to rows of
 * `b` one to one so that the total `|cos|` is maximal (an exact linear assignment on `1 − |cos|`),
 * and return the mean `|cos|` over the `min(rows)` matched pairs. In [0, 1]; symmetric in its
 * arguments; invariant to row sign, scale and order.
 *
 * @example
 * ```ts
 * const mcc = meanCorrelationCoefficient(backend, sae.W_dec, featureDictionary.featureVectors); // 0.98
 * ```
 * @throws InvalidArgumentError when the widths differ.
 */
export function meanCorrelationCoefficient(backend: Backend, a: Tensor2D, b: Tensor2D, options: BlockOptions = {}): number {
  const [rows, columns] = [a.shape[0], b.shape[0]];
  const cost = new Float32Array(rows * columns);
  absCosineSimilarityRows(backend, a, b, (first, block) => {
    for (let k = 0; k < block.length; k++) cost[first * columns + k] = 1 - block[k]!;
  }, options);
  const { rowIndices, columnIndices } = linearSumAssignment(cost, rows, columns);
  if (rowIndices.length === 0) return Number.NaN;
  let total = 0;
  for (let k = 0; k < rowIndices.length; k++) total += 1 - cost[rowIndices[k]! * columns + columnIndices[k]!]!;
  return total / rowIndices.length;
}
