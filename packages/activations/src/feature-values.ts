/**
 * Per-feature parameters (firing probabilities, magnitude means and standard deviations) arrive as
 * one number for every feature or as one value per feature; this module turns either into a
 * float32 vector of length `numFeatures` (SPEC §1.6 `_to_tensor`) and checks each value.
 */
import { InvalidArgumentError } from '@synth/core';
import type { Tensor1D } from '@synth/core';

/** One number for every feature, or one value per feature (array, typed array or `Tensor1D`). */
export type FeatureValuesInput = number | ArrayLike<number> | Tensor1D;

/** Largest finite float32: values beyond it would become ±Infinity when stored. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** A rule one raw value must satisfy, with the words used for it in error messages. */
export interface FeatureValueRule {
  readonly test: (value: number) => boolean;
  readonly description: string;
}

/** `p ∈ [0, 1]`, written so NaN fails. */
export const PROBABILITY_RULE: FeatureValueRule = { test: (v) => v >= 0 && v <= 1, description: 'a number in [0, 1]' };
/** A finite number that float32 can hold. */
export const FINITE_RULE: FeatureValueRule = { test: (v) => Math.abs(v) <= FLOAT32_MAX, description: 'a finite float32 number' };
/** A finite float32 number >= 0. */
export const NON_NEGATIVE_RULE: FeatureValueRule = { test: (v) => v >= 0 && v <= FLOAT32_MAX, description: 'a finite float32 number >= 0' };

interface TensorLike {
  readonly shape: readonly number[];
  dataSync(): ArrayLike<number>;
}

function isTensorLike(value: unknown): value is TensorLike {
  return typeof value === 'object' && value !== null && Array.isArray((value as TensorLike).shape) && typeof (value as TensorLike).dataSync === 'function';
}

function shapeError(parameter: string, value: unknown, numFeatures: number, got: string): InvalidArgumentError {
  return new InvalidArgumentError(parameter, `a number or ${numFeatures} values (one per feature)`, value, {
    detail: `(Value must be a tensor of shape (${numFeatures},) or a float. Got ${got})`,
  });
}

/**
 * `value` as a `Float32Array` of length `numFeatures`: a number is repeated, an array, typed array
 * or `Tensor1D` of exactly `numFeatures` values is copied (a tensor is read with `dataSync`, and
 * not disposed). Every raw value is checked against `rule` before it is rounded to float32.
 *
 * @example
 * ```ts
 * toFeatureValues('meanFiringMagnitudes', 2, 3, FINITE_RULE); // Float32Array [2, 2, 2]
 * toFeatureValues('firingProbabilities', [0.1, 0.5], 2, PROBABILITY_RULE); // Float32Array [0.1, 0.5]
 * ```
 * @throws InvalidArgumentError containing "Value must be a tensor of shape (n,) or a float" when
 * the value is neither a number nor `numFeatures` values; naming `parameter` (a number) or
 * `parameter[i]` (the first bad entry) when a value breaks `rule`.
 */
export function toFeatureValues(parameter: string, value: FeatureValuesInput, numFeatures: number, rule: FeatureValueRule): Float32Array {
  if (typeof value === 'number') {
    if (!rule.test(value)) throw new InvalidArgumentError(parameter, rule.description, value);
    return new Float32Array(numFeatures).fill(value);
  }
  let raw: ArrayLike<number>;
  if (isTensorLike(value)) {
    if (!(value.shape.length === 1 && value.shape[0] === numFeatures)) {
      throw shapeError(parameter, value, numFeatures, `(${value.shape.join(', ')}${value.shape.length === 1 ? ',' : ''})`);
    }
    raw = value.dataSync();
  } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    raw = value as ArrayLike<number>;
    if (raw.length !== numFeatures || value instanceof DataView) throw shapeError(parameter, value, numFeatures, `(${raw.length},)`);
  } else {
    throw shapeError(parameter, value, numFeatures, 'a value that is neither a number nor a list of numbers');
  }
  const out = new Float32Array(numFeatures);
  for (let i = 0; i < numFeatures; i++) {
    const v = raw[i];
    if (!(typeof v === 'number' && rule.test(v))) throw new InvalidArgumentError(`${parameter}[${i}]`, rule.description, v);
    out[i] = v;
  }
  return out;
}
