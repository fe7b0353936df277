/**
 * Tensor helpers shared by several packages. Each runs on the given backend inside `tidy`, so
 * only the returned tensor survives; the caller owns (and disposes) it.
 */
import type { Rank, Tensor2D } from '@tensorflow/tfjs-core';
import type { Backend } from './backend';
import { InvalidArgumentError } from './errors';
import { sparseRowIndices, sparseRowsToDense } from './sparse-rows';
import type { SparseRows } from './sparse-rows';

/** Row norms are clamped at this before dividing (as SAELens does), so zero rows stay zero. */
export const MIN_ROW_NORM = 1e-8;

/**
 * Divides each row by `max(‖row‖₂, 1e-8)`.
 *
 * @example
 * ```ts
 * const unit = normalizeRows(backend, backend.tf.tensor2d([[3, 4]])); // [[0.6, 0.8]]
 * ```
 */
export function normalizeRows(backend: Backend, matrix: Tensor2D): Tensor2D {
  const { tf } = backend;
  return backend.tidy(() => tf.div(matrix, tf.maximum(tf.norm(matrix, 'euclidean', 1, true), MIN_ROW_NORM)));
}

/**
 * A dense tensor holding a sparse batch.
 *
 * @example
 * ```ts
 * const dense = sparseRowsToTensor(backend, sparse); // shape [sparse.rows, sparse.columns]
 * ```
 */
export function sparseRowsToTensor(backend: Backend, sparse: SparseRows): Tensor2D {
  return backend.tidy(() => backend.tf.tensor2d(sparseRowsToDense(sparse), [sparse.rows, sparse.columns]));
}

/**
 * `sparse · dense` for a sparse `[rows, k]` batch and a dense `[k, d]` tensor, in
 * O(stored entries · d) work: gather the needed rows of `dense`, scale them, and sum them into
 * their output rows.
 *
 * @example
 * ```ts
 * const hidden = sparseMatmul(backend, featureActs, featureVectors); // [batch, hiddenDim]
 * ```
 * @throws InvalidArgumentError when the inner dimensions differ.
 */
export function sparseMatmul(backend: Backend, sparse: SparseRows, dense: Tensor2D): Tensor2D {
  const [inner, width] = dense.shape;
  if (inner !== sparse.columns) {
    throw new InvalidArgumentError('dense', `a tensor with ${sparse.columns} rows (the sparse batch's columns)`, dense);
  }
  const { tf } = backend;
  return backend.tidy(() => {
    const stored = sparse.values.length;
    if (stored === 0) return tf.zeros<Rank.R2>([sparse.rows, width], 'float32');
    const gathered = tf.gather(dense, tf.tensor1d(sparse.columnIndices, 'int32'));
    const scaled = tf.mul(gathered, tf.tensor2d(sparse.values, [stored, 1]));
    const rowIndices = tf.tensor2d(sparseRowIndices(sparse), [stored, 1], 'int32');
    return tf.scatterND<Rank.R2>(rowIndices, scaled, [sparse.rows, width]);
  });
}
