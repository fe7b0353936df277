/**
 * The tensor half of the Gaussian copula: turn standard normals (drawn on the host) into latent
 * Gaussians with the wanted correlation, and compare them with the firing thresholds. Internal.
 *
 * On the wasm backend the right-hand factors are stored transposed (`Lᵀ`, `Fᵀ`, laid out once on
 * the host), so each block is a plain `matMul(ε, Lᵀ)`: there matMul's transposeB flag falls off
 * XNNPACK onto a naive loop (about 8× slower; see core's `matMulTransposeB`), and a constant
 * right-hand operand is packed once for every block. Other backends store `L`, `F` and pass the
 * flag: the cpu kernel is about 1.4× faster reading `L`'s rows than `Lᵀ`'s.
 */
import { prefersExplicitTranspose } from '@synth/core';
import type { Backend, DenseMatrix, Tensor, Tensor2D } from '@synth/core';
import type { LowRankCorrelationMatrix } from './low-rank-correlation-matrix';

/** One correlation form on one backend, holding its constant tensors until disposed. */
export interface CopulaKernel {
  /** Standard normals each row consumes (`n` dense, `rank + n` low-rank). */
  readonly wordsPerRow: number;
  /** A bool `rows × n` tensor, true where the latent exceeds its threshold. Caller disposes. */
  fire(normals: Float32Array, rows: number): Tensor;
  dispose(): void;
}

/**
 * Dense form: row `ε` of `n` normals gives `z = ε·Lᵀ` (so `Cov(z) = L·Lᵀ = C`), one float32
 * matmul per block of rows on the backend, `O(rows·n²)`.
 */
export function denseCopulaKernel(backend: Backend, lower: DenseMatrix, thresholds: Float64Array): CopulaKernel {
  const n = lower.rows;
  const { tf } = backend;
  const transposeB = !prefersExplicitTranspose(backend);
  const constants = backend.tidy(() => ({
    lower: tf.tensor2d(transposeB ? Float32Array.from(lower.data) : transposeToFloat32(lower.data, n, n), [n, n]),
    thresholds: tf.tensor1d(Float32Array.from(thresholds)),
  }));
  return {
    wordsPerRow: n,
    fire: (normals, rows) =>
      backend.tidy(() => {
        const epsilon = tf.tensor2d(normals, [rows, n]);
        return tf.greater(tf.matMul(epsilon, constants.lower, false, transposeB), constants.thresholds);
      }),
    dispose: () => tf.dispose([constants.lower, constants.thresholds]),
  };
}

/**
 * Low-rank form: a row of `rank` normals `ε` then `n` normals `η` gives
 * `z = ε·Fᵀ + η ⊙ sqrt(D)` (so `Cov(z) = F·Fᵀ + diag(D)`), `O(rows·n·rank)`; no `n × n` matrix
 * is ever formed.
 */
export function lowRankCopulaKernel(backend: Backend, lowRank: LowRankCorrelationMatrix, thresholds: Float64Array): CopulaKernel {
  const { numFeatures: n, rank } = lowRank;
  const { tf } = backend;
  const transposeB = !prefersExplicitTranspose(backend);
  const constants = backend.tidy(() => ({
    factor: transposeB
      ? tf.tensor2d(Float32Array.from(lowRank.correlationFactor), [n, rank])
      : tf.tensor2d(transposeToFloat32(lowRank.correlationFactor, n, rank), [rank, n]),
    sqrtDiag: tf.tensor1d(Float32Array.from(lowRank.correlationDiag, Math.sqrt)),
    thresholds: tf.tensor1d(Float32Array.from(thresholds)),
  }));
  return {
    wordsPerRow: rank + n,
    fire: (normals, rows) =>
      backend.tidy(() => {
        const all = tf.tensor2d(normals, [rows, rank + n]);
        const eta = tf.slice(all, [0, rank], [rows, n]);
        let z: Tensor2D = tf.mul(eta, constants.sqrtDiag);
        if (rank > 0) {
          const epsilon = tf.slice(all, [0, 0], [rows, rank]);
          z = tf.add(z, tf.matMul(epsilon, constants.factor, false, transposeB));
        }
        return tf.greater(z, constants.thresholds);
      }),
    dispose: () => tf.dispose([constants.factor, constants.sqrtDiag, constants.thresholds]),
  };
}

/** The transpose (`columns × rows`) of a row-major `rows × columns` matrix, rounded to float32. */
export function transposeToFloat32(data: ArrayLike<number>, rows: number, columns: number): Float32Array {
  const out = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = data[r * columns + c]!;
  return out;
}
