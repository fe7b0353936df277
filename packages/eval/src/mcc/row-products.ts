/**
 * Products of unit rows for the MCC: single exact cosines on the host, and blocks of
 * `A[:, :k]·B[:, :k]ᵀ` on the backend against a right-hand operand uploaded once.
 */
import { prefersExplicitTranspose } from '@synth/core';
import type { Backend, Tensor2D } from '@synth/core';
import type { HostRows } from './host-rows';
import { unitColumns, unitRowBlock } from './host-rows';

/**
 * `|cos(a_i, b_j)|` in float64 from the float32 entries (error ~1e-16 · width): the "exact"
 * entries of the pruned MCC.
 *
 * @example
 * ```ts
 * exactAbsCosine(a, 0, b, 5); // 0.97…
 * ```
 */
export function exactAbsCosine(a: HostRows, i: number, b: HostRows, j: number): number {
  const width = a.width;
  const x = a.values;
  const y = b.values;
  const xBase = i * width;
  const yBase = j * width;
  // Four running sums: independent additions pipeline, and it is still float64 throughout.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let l = 0;
  for (; l + 3 < width; l += 4) {
    s0 += x[xBase + l]! * y[yBase + l]!;
    s1 += x[xBase + l + 1]! * y[yBase + l + 1]!;
    s2 += x[xBase + l + 2]! * y[yBase + l + 2]!;
    s3 += x[xBase + l + 3]! * y[yBase + l + 3]!;
  }
  for (; l < width; l++) s0 += x[xBase + l]! * y[yBase + l]!;
  return Math.abs((s0 + s1 + s2 + s3) * a.inverseNorms[i]! * b.inverseNorms[j]!);
}

/** Products with the first `prefix` columns of `B`'s unit rows, read back to the host. */
export interface PrefixProducts {
  readonly prefix: number;
  /** `left · unit(B)[:, :prefix]ᵀ`, row-major `[length, B.count]`, for a row-major `[length, prefix]` `left`. */
  multiply(left: Float32Array, length: number): Float32Array;
  dispose(): void;
}

/**
 * Uploads the first `prefix` columns of `b`'s unit rows once, in the layout this backend
 * multiplies fastest (`[prefix, m]` on wasm, where matMul's transpose flag leaves XNNPACK;
 * `[m, prefix]` with the flag elsewhere; see core's `matMulTransposeB`).
 *
 * @example
 * ```ts
 * const products = prefixProducts(backend, b, 96);
 * const block = products.multiply(unitRowBlock(a, 0, 512, 96), 512); // [512, b.count]
 * products.dispose();
 * ```
 */
export function prefixProducts(backend: Backend, b: HostRows, prefix: number): PrefixProducts {
  const { tf } = backend;
  const explicit = prefersExplicitTranspose(backend);
  const right: Tensor2D = explicit
    ? tf.tensor2d(unitColumns(b, prefix), [prefix, b.count])
    : tf.tensor2d(unitRowBlock(b, 0, b.count, prefix), [b.count, prefix]);
  const multiply = (left: Float32Array, length: number): Float32Array => {
    const product = backend.tidy(() => tf.matMul(tf.tensor2d(left, [length, prefix]), right, false, !explicit));
    try {
      return product.dataSync() as Float32Array;
    } finally {
      product.dispose();
    }
  };
  return {
    prefix,
    multiply,
    dispose: () => right.dispose(),
  };
}
