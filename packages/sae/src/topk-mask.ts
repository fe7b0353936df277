/**
 * Top-k masks without a gradient path (the trainer's gradients are hand-written).
 */
import type { Backend, Tensor, Tensor2D } from '@synth/core';

/**
 * 1 where `values[b, s]` is among the `k` largest of its row, else 0 (float `[B, S]`), taken as
 * `values >= (k-th largest of the row)`.
 *
 * @remarks torch.topk keeps exactly k entries; at an exact tie for the k-th place this keeps all
 * tied entries. Ties have probability zero for continuous inputs.
 */
export function rowTopKMask(backend: Backend, values: Tensor2D, k: number): Tensor2D {
  const { tf } = backend;
  const top = tf.topk(values, k, true).values;
  const kth = tf.slice(top, [0, k - 1], [values.shape[0], 1]);
  // `values − kth ≥ 0` rather than `values ≥ kth` (the same for a finite kth): on wasm a comparison
  // with a broadcast [B, 1] column takes the generic strided path, ~25x slower than subtracting it.
  return tf.cast(tf.greaterEqual<Tensor2D>(tf.sub(values, kth), 0), 'float32');
}

/**
 * 1 where `values` (non-negative) is among the `count` largest entries of the whole tensor.
 * With `count = 0` nothing is kept. When the `count`-th value is 0, every entry is kept: the extra
 * ones are zeros, so `values ⊙ mask` equals torch's scatter of the top `count`.
 */
export function batchTopKMask(backend: Backend, values: Tensor2D, count: number): Tensor2D {
  const { tf } = backend;
  if (count <= 0) return tf.zerosLike(values);
  const flat = tf.reshape(values, [-1]);
  const top = tf.topk(flat, count, true).values;
  // A rank-0 threshold: on wasm, comparing against a [1]-shaped tensor takes the generic
  // broadcasting path, ~15x slower than against a scalar (53 ms vs 3.6 ms at 1024 × 1024).
  const kth: Tensor = tf.reshape(tf.slice(top, [count - 1], [1]), []);
  return tf.cast(tf.greaterEqual<Tensor2D>(values, kth), 'float32');
}
