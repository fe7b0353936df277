/**
 * MCC: how well one set of feature vectors matches another, one to one.
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';
import type { Backend, Tensor2D } from '@synth/core';
import type { BlockOptions } from './cosine-similarities';
import { denseMatching } from './mcc/dense-matching';
import type { Matching } from './mcc/dense-matching';
import { readHostRows } from './mcc/host-rows';
import { prunedMatching } from './mcc/pruned-matching';
import { referenceMeanCorrelationCoefficient } from './mcc/reference-mcc';

/**
 * Below this many pairs (or this width) the dense matrix is cheap and pruning is not tried:
 * 2²⁰ pairs at d = 768 is a ~1.6 GFLOP matmul, tens of milliseconds on wasm.
 */
const MIN_PRUNED_PAIRS = 2 ** 20;
const MIN_PRUNED_WIDTH = 16;

/**
 * Mean Correlation Coefficient (O'Neill et al., arXiv:2411.13117): match rows of `a` to rows of
 * `b` one to one so that the total `|cos|` is maximal (an exact linear assignment on `1 − |cos|`),
 * and return the mean `|cos|` over the `min(rows)` matched pairs. In [0, 1]; symmetric in its
 * arguments; invariant to row sign, scale and order.
 *
 * For large inputs where most rows have one clearly best partner (a trained SAE against its true
 * features) the matching is proven optimal from a cheap bound on every `|cos|` plus a few exact
 * ones, without the full `rows(a) × rows(b) × d` matmul; otherwise, or when the bound does not
 * separate the rows, the whole matrix is computed (see `mcc/pruned-matching.ts`). Either way the
 * matching is an exact optimum, as SciPy's is.
 *
 * @remarks SAELens computes every `|cos|` with one float32 matmul. Here pairs whose cosine was
 * needed exactly may carry it in float64, so results agree with SAELens to float32 rounding of
 * the cosines (~1e-7), not bit for bit.
 * @example
 * ```ts
 * const mcc = meanCorrelationCoefficient(backend, sae.W_dec, featureDictionary.featureVectors); // 0.98
 * ```
 * @throws InvalidArgumentError when the widths differ, `blockRows` is not a positive integer, or
 *   an entry is not finite.
 */
export function meanCorrelationCoefficient(backend: Backend, a: Tensor2D, b: Tensor2D, options: BlockOptions = {}): number {
  if (a.rank !== 2) throw new InvalidArgumentError('a', 'a 2-D tensor', a);
  if (b.rank !== 2 || b.shape[1] !== a.shape[1]) {
    throw new InvalidArgumentError('b', `a 2-D tensor with ${a.shape[1]} columns (the width of a)`, b);
  }
  const blockRows = options.blockRows ?? 512;
  assertInteger('blockRows', blockRows, 1);
  // MCC is symmetric: match the smaller set into the larger one.
  const [smaller, larger] = a.shape[0] <= b.shape[0] ? [a, b] : [b, a];
  if (smaller.shape[0] === 0) return Number.NaN;
  const rows = readHostRows(smaller);
  const columns = readHostRows(larger);
  // A non-finite entry: the reference path reports it (as an invalid cost matrix entry).
  if (rows === null || columns === null) return referenceMeanCorrelationCoefficient(backend, a, b);
  const worthPruning = rows.count * columns.count >= MIN_PRUNED_PAIRS && rows.width >= MIN_PRUNED_WIDTH;
  const matching: Matching =
    (worthPruning ? prunedMatching(backend, rows, columns, { blockRows }) : null) ?? denseMatching(backend, rows, columns, blockRows);
  let total = 0;
  for (let i = 0; i < rows.count; i++) total += 1 - matching.costs[i]!;
  return total / rows.count;
}
