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
 * Divides each row by `max(‖row‖₂, 1e-8)`; a zero row stays zero, also on a float16 device.
 *
 * @remarks
 * The clamp alone does not keep zero rows at zero on a WebGL device that renders only float16:
 * 1e-8 is below float16's smallest subnormal (2⁻²⁴ ≈ 6e-8), so `max(0, 1e-8)` is stored as 0, and
 * TF.js's WebGL division returns 1 for `0 / 0` (its shader special-cases `a == b`), which turned
 * zero rows into rows of ones. So zero rows divide by 1 instead, chosen on the `[rows, 1]` norms
 * (cheap) rather than on the whole matrix; on float32 backends the result is unchanged, since
 * `0 / max(0, 1e-8)` was already 0. A `[rows, 0]` matrix (only zero rows) is returned as zeros of
 * that shape without reducing: the WebGL and WebGPU backends cannot sum over an empty axis.
 *
 * @example
 * ```ts
 * const unit = normalizeRows(backend, backend.tf.tensor2d([[3, 4]])); // [[0.6, 0.8]]
 * ```
 */
export function normalizeRows(backend: Backend, matrix: Tensor2D): Tensor2D {
  const { tf } = backend;
  return backend.tidy(() => {
    if (matrix.shape[1] === 0) return tf.zeros<Rank.R2>(matrix.shape);
    const norms = tf.norm(matrix, 'euclidean', 1, true);
    const divisors = tf.maximum(tf.where(tf.greater(norms, 0), norms, tf.onesLike(norms)), MIN_ROW_NORM);
    return tf.div<Tensor2D>(matrix, divisors);
  });
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
 * Whether `a · bᵀ` runs faster against an explicitly transposed `b` than with `tf.matMul`'s
 * transpose flag on this backend: true on wasm only (see {@link matMulTransposeB} for why). Code
 * that reuses `b` across many products lays it out once according to this.
 *
 * @example
 * ```ts
 * const right = prefersExplicitTranspose(backend) ? tf.transpose(b) : b;
 * ```
 */
export function prefersExplicitTranspose(backend: Backend): boolean {
  return backend.engineName === 'wasm';
}

/**
 * `a · bᵀ` for `a` `[m, k]` and `b` `[n, k]`.
 *
 * On the wasm backend `tf.matMul` sends any transpose flag to a naive triple loop instead of
 * XNNPACK (tfjs-backend-wasm 4.22, `batch_mat_mul_impl.cc`), 6.5–9× slower even counting the
 * copy (`tensor-ops.bench.ts`: 882 ms against 101 ms for 512 × 768 · (4096 × 768)ᵀ). So on wasm
 * this transposes `b` first. Elsewhere the flag is passed through: GPU backends transpose for free,
 * and the cpu backend's JS kernel is about 1.5× faster with transposeB than with a transposed copy
 * (it then reads both operands along contiguous rows). In a wasm loop that reuses `b`, transpose it
 * once outside the loop and call `tf.matMul(a, bTransposed)`: XNNPACK caches its packed copy of a
 * right-hand operand per tensor, so a reused `bᵀ` is also packed once (71 ms against 101 ms).
 *
 * @example
 * ```ts
 * const gram = matMulTransposeB(backend, vectors, vectors); // [n, n]
 * ```
 * @throws Error from TensorFlow.js when the inner dimensions differ.
 */
export function matMulTransposeB(backend: Backend, a: Tensor2D, b: Tensor2D): Tensor2D {
  const { tf } = backend;
  return backend.tidy(() => (prefersExplicitTranspose(backend) ? tf.matMul(a, tf.transpose(b)) : tf.matMul(a, b, false, true)));
}

/**
 * `aᵀ · b` for `a` `[k, m]` and `b` `[k, n]`: the transposeA counterpart of
 * {@link matMulTransposeB}, for the same reason (on wasm the flag leaves XNNPACK).
 *
 * @example
 * ```ts
 * const weightGradient = matMulTransposeA(backend, inputs, outputGradient); // [inputs, outputs]
 * ```
 * @throws Error from TensorFlow.js when the inner dimensions differ.
 */
export function matMulTransposeA(backend: Backend, a: Tensor2D, b: Tensor2D): Tensor2D {
  const { tf } = backend;
  return backend.tidy(() => (prefersExplicitTranspose(backend) ? tf.matMul(tf.transpose(a), b) : tf.matMul(a, b, true, false)));
}

/** Backends whose tensors live in host (or wasm) memory: a read is a memcpy, not a device sync. */
const HOST_ENGINES: ReadonlySet<string> = new Set(['cpu', 'wasm']);

/**
 * `sparse · dense` for a sparse `[rows, k]` batch and a dense `[k, d]` tensor, in
 * O(stored entries · d) work.
 *
 * On the cpu and wasm backends it reads `dense` once and sums `value · dense[column]` into each
 * output row on the host (in float64, rounded once to float32), then uploads the `[rows, d]`
 * result: tfjs's `gather` alone took ~2 s for 30,720 rows of 768 on wasm. On GPU backends it
 * gathers the needed rows of `dense` on the device, scales them and scatter-adds them
 * ({@link sparseMatmulOnDevice}), so the weights never leave the device.
 *
 * @example
 * ```ts
 * const hidden = sparseMatmul(backend, featureActs, featureVectors); // [batch, hiddenDim]
 * ```
 * @throws InvalidArgumentError when the inner dimensions differ.
 */
export function sparseMatmul(backend: Backend, sparse: SparseRows, dense: Tensor2D): Tensor2D {
  assertInnerDimension(sparse, dense);
  if (!HOST_ENGINES.has(backend.engineName)) return sparseMatmulOnDevice(backend, sparse, dense);
  const width = dense.shape[1];
  const out = new Float32Array(sparse.rows * width);
  if (sparse.values.length > 0) {
    const weights = dense.dataSync();
    const row = new Float64Array(width);
    const { rowOffsets, columnIndices, values } = sparse;
    for (let r = 0; r < sparse.rows; r++) {
      const end = rowOffsets[r + 1]!;
      let k = rowOffsets[r]!;
      if (k === end) continue;
      row.fill(0);
      for (; k < end; k++) {
        const value = values[k]!;
        const base = columnIndices[k]! * width;
        for (let j = 0; j < width; j++) row[j]! += value * weights[base + j]!;
      }
      out.set(row, r * width);
    }
  }
  return backend.tidy(() => backend.tf.tensor2d(out, [sparse.rows, width]));
}

/**
 * The device form of {@link sparseMatmul}, used on GPU backends: gather the needed rows of
 * `dense`, scale them, and scatter-add them into their output rows. Exported for the tests, which
 * check it against the host form on every backend.
 *
 * @internal
 * @example
 * ```ts
 * const hidden = sparseMatmulOnDevice(backend, featureActs, featureVectors); // [batch, hiddenDim]
 * ```
 * @throws InvalidArgumentError when the inner dimensions differ.
 */
export function sparseMatmulOnDevice(backend: Backend, sparse: SparseRows, dense: Tensor2D): Tensor2D {
  assertInnerDimension(sparse, dense);
  const width = dense.shape[1];
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

function assertInnerDimension(sparse: SparseRows, dense: Tensor2D): void {
  if (dense.shape[0] !== sparse.columns) {
    throw new InvalidArgumentError('dense', `a tensor with ${sparse.columns} rows (the sparse batch's columns)`, dense);
  }
}
