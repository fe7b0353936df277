/**
 * `torch.full((n,), value, dtype=float32)`, shared by the constant configs and `generateMagnitudes`.
 */
import { assertInteger } from '@synth/core';

/**
 * A float32 vector of `numFeatures` copies of `value` (rounded to float32). `numFeatures = 0`
 * gives an empty vector, as torch does.
 *
 * @example
 * ```ts
 * filledFloat32(3, 0.5); // Float32Array [0.5, 0.5, 0.5]
 * ```
 * @throws InvalidArgumentError unless `numFeatures` is an integer >= 0.
 */
export function filledFloat32(numFeatures: number, value: number): Float32Array {
  assertInteger('numFeatures', numFeatures, 0);
  return new Float32Array(numFeatures).fill(value);
}
