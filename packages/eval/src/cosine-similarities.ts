/**
 * Cosine similarities between rows of two matrices, on the backend's matmul. The large form is
 * computed in row blocks, so backend memory stays O(blockRows × rowsOfB) however big A is.
 *
 * On the wasm backend `A·Bᵀ` is `matMul(A, transpose(B))`: there matMul's transposeB flag falls off
 * XNNPACK onto a naive loop about 8× slower (see core's `matMulTransposeB`), and the blocked form
 * transposes `B` once and reuses it for every block, so XNNPACK also packs it once. Other backends
 * keep `B` and pass the flag: the cpu kernel reads `B`'s rows contiguously that way, about 1.5×
 * faster than with `Bᵀ`, and GPU backends transpose for free.
 */
import type { Tensor2D } from '@synth/core';
import { InvalidArgumentError, assertInteger, normalizeRows, prefersExplicitTranspose } from '@synth/core';
import type { Backend } from '@synth/core';

/**
 * `cos(a_i, b_j)` for every pair of rows: each row is divided by `max(‖row‖, 1e-8)` and the
 * result is `A·Bᵀ`. Zero rows give 0, never NaN. `b` defaults to `a`.
 *
 * @example
 * ```ts
 * const cos = cosineSimilarities(backend, backend.tf.tensor2d([[1, 0], [0, 2]])); // [[1, 0], [0, 1]]
 * ```
 * @throws InvalidArgumentError when the two matrices have different widths.
 */
export function cosineSimilarities(backend: Backend, a: Tensor2D, b: Tensor2D = a): Tensor2D {
  assertSameWidth(a, b);
  const { tf } = backend;
  return backend.tidy(() => {
    const unitA = normalizeRows(backend, a);
    const unitB = b === a ? unitA : normalizeRows(backend, b);
    const flag = !prefersExplicitTranspose(backend);
    return tf.matMul(unitA, flag ? unitB : tf.transpose(unitB), false, flag);
  });
}

/** Options of {@link absCosineSimilarityRows}. */
export interface BlockOptions {
  /** Rows of `a` per backend matmul (default 512). */
  readonly blockRows?: number;
}

/**
 * Calls `visit(firstRow, block)` with consecutive row blocks of `|cos(A, B)|` as host arrays
 * (`block` is row-major, `rows × b.shape[0]`), never holding more than one block on the backend.
 *
 * @example
 * ```ts
 * absCosineSimilarityRows(backend, saeDecoder, trueFeatures, (first, block) => { ... });
 * ```
 * @throws InvalidArgumentError for mismatched widths or a bad block size.
 */
export function absCosineSimilarityRows(
  backend: Backend,
  a: Tensor2D,
  b: Tensor2D,
  visit: (firstRow: number, block: Float32Array) => void,
  options: BlockOptions = {},
): void {
  assertSameWidth(a, b);
  const blockRows = options.blockRows ?? 512;
  assertInteger('blockRows', blockRows, 1);
  const { tf } = backend;
  // The normalised B in the layout this backend multiplies fastest, made once for every block:
  // [width, rows of b] on wasm (a plain matMul), [rows of b, width] elsewhere (transposeB).
  const flag = !prefersExplicitTranspose(backend);
  const unitB = backend.tidy(() => (flag ? normalizeRows(backend, b) : tf.transpose(normalizeRows(backend, b))));
  try {
    for (let first = 0; first < a.shape[0]; first += blockRows) {
      const rows = Math.min(blockRows, a.shape[0] - first);
      const block = backend.tidy(() => tf.abs(tf.matMul(normalizeRows(backend, tf.slice(a, [first, 0], [rows, -1])), unitB, false, flag)));
      const data = block.dataSync() as Float32Array;
      block.dispose();
      visit(first, data);
    }
  } finally {
    unitB.dispose();
  }
}

/**
 * For each row of `a`, the index of the row of `b` with the largest `|cos|` (the first one on
 * ties), computed block by block.
 *
 * @example
 * ```ts
 * const best = bestMatchIndices(backend, saeDecoder, trueFeatures); // Int32Array, one per SAE latent
 * ```
 */
export function bestMatchIndices(backend: Backend, a: Tensor2D, b: Tensor2D, options: BlockOptions = {}): Int32Array {
  const best = new Int32Array(a.shape[0]);
  const columns = b.shape[0];
  if (columns === 0) return best.fill(-1);
  absCosineSimilarityRows(backend, a, b, (first, block) => {
    for (let r = 0; r < block.length / columns; r++) {
      let bestIndex = 0;
      let bestValue = -1;
      for (let c = 0; c < columns; c++) {
        const v = block[r * columns + c]!;
        if (v > bestValue) {
          bestValue = v;
          bestIndex = c;
        }
      }
      best[first + r] = bestIndex;
    }
  }, options);
  return best;
}

function assertSameWidth(a: Tensor2D, b: Tensor2D): void {
  if (a.rank !== 2) throw new InvalidArgumentError('a', 'a 2-D tensor', a);
  if (b.rank !== 2 || b.shape[1] !== a.shape[1]) {
    throw new InvalidArgumentError('b', `a 2-D tensor with ${a.shape[1]} columns (the width of a)`, b);
  }
}
