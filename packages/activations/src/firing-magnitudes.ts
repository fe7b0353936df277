/**
 * Step 2 of SPEC §1.6: magnitudes drawn only where features fired, `relu(μ_j + σ_j·ξ)`.
 */
import type { Rng } from '@synth/core';

/**
 * The magnitude of each firing in `columnIndices` (row-major order): the k-th firing takes the
 * standard normal at word k of `normals`, so a firing's magnitude depends only on its position in
 * its block. When every σ is 0 no normals are drawn and each value is exactly `μ_j` (or 0 where
 * `μ_j < 0`). Zeros produced by the relu are returned like any other value (they stay stored).
 *
 * @example
 * ```ts
 * firingMagnitudes(new Int32Array([0, 2]), new Float32Array([1, 1, 3]), new Float32Array(3), undefined);
 * // Float32Array [1, 3]
 * ```
 */
export function firingMagnitudes(columnIndices: Int32Array, mean: Float32Array, std: Float32Array, normals: Rng | undefined): Float32Array {
  const count = columnIndices.length;
  const values = new Float32Array(count);
  if (normals === undefined) {
    for (let k = 0; k < count; k++) values[k] = Math.max(0, mean[columnIndices[k]!]!);
    return values;
  }
  const noise = normals.fillNormal(new Float64Array(count));
  for (let k = 0; k < count; k++) {
    const j = columnIndices[k]!;
    values[k] = Math.max(0, mean[j]! + std[j]! * noise[k]!);
  }
  return values;
}
