/**
 * Step 4 of SPEC §1.6 on a sparse batch: run the modifier, check what it returned, then ReLU the
 * stored values (entries that become 0 stay stored, as in SAELens's sparse path).
 */
import { ValidationError, createSparseRows } from '@synth/core';
import type { SparseRows } from '@synth/core';
import type { ActivationsModifier, ModifierContext } from './activations-modifier';

/**
 * `relu(modifier(batch))`, with the result's structure checked (same shape, CSR with columns
 * ascending within each row). The values are copied into a fresh `Float32Array`, so the arrays
 * the modifier returned are not changed.
 *
 * @example
 * ```ts
 * const out = applyModifier((b) => ({ ...b, values: b.values.map((v) => v - 1) }), batch, context);
 * ```
 * @throws ValidationError when the modifier does not return a batch of the input's shape.
 * @throws InvalidArgumentError (from `createSparseRows`) naming the field that breaks the CSR structure.
 */
export function applyModifier(modifier: ActivationsModifier, batch: SparseRows, context: ModifierContext): SparseRows {
  const { rows, columns } = batch;
  const out = modifier(batch, context) as Partial<SparseRows> | null | undefined;
  if (!(typeof out === 'object' && out !== null && out.rows === rows && out.columns === columns)) {
    throw new ValidationError(
      `modifyActivations must return a sparse batch (SparseRows) of shape [${rows}, ${columns}]; use fromDenseModifier for a dense tensor function.`,
    );
  }
  const { rowOffsets, columnIndices, values } = out;
  if (!(rowOffsets instanceof Int32Array && columnIndices instanceof Int32Array && ArrayBuffer.isView(values))) {
    throw new ValidationError('modifyActivations must return Int32Array rowOffsets and columnIndices and a typed array of values.');
  }
  const relu = Float32Array.from(values as ArrayLike<number>, (v) => Math.max(0, v));
  return createSparseRows(rows, columns, rowOffsets, columnIndices, relu);
}
