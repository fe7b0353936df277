/**
 * Activation modifiers: functions that rewrite a sampled batch before the final ReLU (SPEC §1.6
 * step 4), for example to impose a feature hierarchy.
 *
 * Design: a modifier works on the sparse batch ({@link SparseRows}), because that is the form the
 * generator produces in time proportional to the firings; turning every batch into a dense
 * `batch × numFeatures` tensor just to modify it would cost O(batch · numFeatures). SAELens's
 * dense signature `(acts: Tensor2D) => Tensor2D` is still supported through
 * {@link fromDenseModifier}, which round-trips through a dense tensor.
 */
import { InvalidArgumentError } from '@synth/core';
import type { Backend, Rng, SparseRows, Tensor2D } from '@synth/core';

/** What a modifier knows about the batch it is given, besides the batch itself. */
export interface ModifierContext {
  /**
   * The generator's modifier stream. It is the same for every batch (it does not depend on how
   * the stream is cut into batches), so a modifier that draws random numbers stays
   * chunk-invariant by keying them by absolute row: row r of the batch uses
   * `context.rng.split(name).split(context.firstRow + r)`, with a `name` of its own so two
   * modifiers do not share numbers.
   */
  readonly rng: Rng;
  /** Absolute index (in the generator's stream of rows) of the batch's first row. */
  readonly firstRow: number;
  /** The generator's backend, if it has one (needed by {@link fromDenseModifier}). */
  readonly backend: Backend | undefined;
}

/**
 * Rewrites a sparse batch. Return a batch of the same shape with columns ascending within each
 * row; the input may be returned, or changed in place. The generator applies a ReLU afterwards
 * (entries that become 0 stay stored).
 *
 * @example
 * ```ts
 * // Silence feature 0 in every row (its entries stay stored, as zeros).
 * const silence0: ActivationsModifier = (batch) => {
 *   for (let k = 0; k < batch.values.length; k++) if (batch.columnIndices[k] === 0) batch.values[k] = 0;
 *   return batch;
 * };
 * ```
 * @throws Whatever the modifier throws propagates out of the sample call, which then does not advance.
 */
export type ActivationsModifier = (batch: SparseRows, context: ModifierContext) => SparseRows;

/** SAELens's modifier signature: a dense `[batch, numFeatures]` tensor in, one out. */
export type DenseActivationsModifier = (activations: Tensor2D) => Tensor2D;

/** The `modifyActivations` option: one modifier, a list applied left to right, or none. */
export type ActivationsModifierInput = ActivationsModifier | readonly ActivationsModifier[] | null | undefined;

/**
 * One modifier from the option's forms (SPEC §1.6 `_normalize_modifiers`): `null`, `undefined` or
 * an empty list give `null`; a function, or a one-element list, gives that same function; a
 * longer list gives a function that applies them left to right, each to the previous result.
 *
 * @example
 * ```ts
 * const both = normalizeModifiers([first, second]); // (batch, ctx) => second(first(batch, ctx), ctx)
 * normalizeModifiers(first) === first; // true
 * ```
 * @throws InvalidArgumentError naming `modifyActivations` or `modifyActivations[i]` when an entry
 * is not a function.
 */
export function normalizeModifiers(input: ActivationsModifierInput): ActivationsModifier | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'function') return input;
  if (!Array.isArray(input)) {
    throw new InvalidArgumentError('modifyActivations', 'a function, a list of functions, or null', input);
  }
  const modifiers = input as readonly unknown[];
  modifiers.forEach((modifier, i) => {
    if (typeof modifier !== 'function') throw new InvalidArgumentError(`modifyActivations[${i}]`, 'a function', modifier);
  });
  const checked = [...(modifiers as readonly ActivationsModifier[])];
  if (checked.length === 0) return null;
  if (checked.length === 1) return checked[0]!;
  return (batch, context) => checked.reduce((current, modifier) => modifier(current, context), batch);
}
