/**
 * Feature activations arrive as a dense tensor or as a sparse batch; these helpers read both.
 */
import type { Tensor2D } from '@synth/core';
import type { Backend, SparseRows } from '@synth/core';

/** A batch of activations: a dense `[batch, n]` tensor or a CSR {@link SparseRows}. */
export type ActivationBatch = Tensor2D | SparseRows;

/** True for a {@link SparseRows} batch. */
export function isSparseRows(batch: ActivationBatch): batch is SparseRows {
  return (batch as SparseRows).rowOffsets instanceof Int32Array;
}

/** `[rows, columns]` of either form. */
export function batchShape(batch: ActivationBatch): readonly [number, number] {
  return isSparseRows(batch) ? [batch.rows, batch.columns] : batch.shape;
}

/** How many entries are `> 0` (stored zeros of a sparse batch do not count). */
export function countPositive(backend: Backend, batch: ActivationBatch): number {
  if (isSparseRows(batch)) {
    let count = 0;
    for (const v of batch.values) if (v > 0) count++;
    return count;
  }
  const { tf } = backend;
  const count = backend.tidy(() => tf.sum(tf.cast(tf.greater(batch, 0), 'float32')));
  const [value] = count.dataSync();
  count.dispose();
  return value!;
}

/**
 * `column[r] = batch[r, columnIndex[c]] > 0` gathered for a list of columns: returns a
 * row-major `rows × columns.length` 0/1 array.
 */
export function positiveAtColumns(backend: Backend, batch: ActivationBatch, columns: Int32Array): Uint8Array {
  const [rows] = batchShape(batch);
  const out = new Uint8Array(rows * columns.length);
  if (isSparseRows(batch)) {
    // Invert `columns` once: for each feature, which output slots read it.
    const readers = new Map<number, number[]>();
    columns.forEach((feature, slot) => readers.set(feature, [...(readers.get(feature) ?? []), slot]));
    for (let r = 0; r < rows; r++) {
      for (let k = batch.rowOffsets[r]!; k < batch.rowOffsets[r + 1]!; k++) {
        if (!(batch.values[k]! > 0)) continue;
        for (const slot of readers.get(batch.columnIndices[k]!) ?? []) out[r * columns.length + slot] = 1;
      }
    }
    return out;
  }
  const { tf } = backend;
  const gathered = backend.tidy(() => tf.cast(tf.greater(tf.gather(batch, tf.tensor1d(columns, 'int32'), 1), 0), 'int32'));
  out.set(gathered.dataSync());
  gathered.dispose();
  return out;
}
