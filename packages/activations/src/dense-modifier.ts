/**
 * An adapter that runs a dense, SAELens-style modifier `(acts: Tensor2D) => Tensor2D` on the
 * generator's sparse batches.
 */
import { ValidationError, sparseRowsToTensor } from '@synth/core';
import type { SparseRows } from '@synth/core';
import type { ActivationsModifier, DenseActivationsModifier } from './activations-modifier';

/**
 * Wraps a dense modifier so the generator can apply it: the sparse batch becomes a dense
 * `[rows, numFeatures]` tensor on the generator's backend, `modifier` runs inside `tidy` (its
 * intermediate tensors are freed), and the result is read back. The returned batch stores every
 * entry that was stored before (explicit zeros included, as in SAELens's sparse path) and every
 * entry the modifier made non-zero. Both tensors are disposed, including the input, so
 * `modifier` must not keep it.
 *
 * @remarks Costs O(rows · numFeatures) per batch, like SAELens's dense path; write an
 * {@link ActivationsModifier} on the sparse batch to keep the cost proportional to the firings.
 * @example
 * ```ts
 * const double = fromDenseModifier((acts) => backend.tf.mul(acts, 2));
 * const generator = new ActivationGenerator({ numFeatures: 8, firingProbabilities: 0.2, backend, modifyActivations: double });
 * ```
 * @throws ValidationError when the generator has no backend, or the modifier returns a tensor of
 * another shape.
 */
export function fromDenseModifier(modifier: DenseActivationsModifier): ActivationsModifier {
  return (batch, { backend }) => {
    if (backend === undefined) {
      throw new ValidationError('A dense activations modifier needs a backend: pass { backend } to the ActivationGenerator.');
    }
    const input = sparseRowsToTensor(backend, batch);
    let data: ArrayLike<number>;
    try {
      const output = backend.tidy(() => modifier(input));
      try {
        const [rows, columns] = output.shape as readonly number[];
        if (!(output.shape.length === 2 && rows === batch.rows && columns === batch.columns)) {
          throw new ValidationError(
            `A dense activations modifier must return a tensor of shape [${batch.rows}, ${batch.columns}], got [${output.shape.join(', ')}].`,
          );
        }
        data = output.dataSync();
      } finally {
        if (output !== input) output.dispose();
      }
    } finally {
      input.dispose();
    }
    return keepStoredAndNonZero(batch, data);
  };
}

/** The entries of dense `data` that were stored in `before` or are not zero. */
function keepStoredAndNonZero(before: SparseRows, data: ArrayLike<number>): SparseRows {
  const { rows, columns } = before;
  const rowOffsets = new Int32Array(rows + 1);
  const columnIndices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    let k = before.rowOffsets[r]!;
    const end = before.rowOffsets[r + 1]!;
    for (let c = 0; c < columns; c++) {
      const v = data[r * columns + c]!;
      const wasStored = k < end && before.columnIndices[k] === c;
      if (wasStored) k++;
      if (wasStored || v !== 0) {
        columnIndices.push(c);
        values.push(v);
      }
    }
    rowOffsets[r + 1] = columnIndices.length;
  }
  return { rows, columns, rowOffsets, columnIndices: Int32Array.from(columnIndices), values: Float32Array.from(values) };
}
