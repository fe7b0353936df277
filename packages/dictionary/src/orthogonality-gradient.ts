/**
 * The orthogonality loss of SAELens's `orthogonalize_embeddings` and its analytic gradient,
 * computed a block of rows at a time so no `N × N` matrix is ever held.
 *
 * With `G = E·Eᵀ` (`N` rows):
 *
 *   L = Σ_{i≠j} G_ij² + N · Σ_i (G_ii − 1)²
 *
 * Each off-diagonal pair is counted twice ((i, j) and (j, i)), and `G_ij` depends on both rows, so
 *
 *   ∂L/∂e_i = 4 · Σ_{j≠i} G_ij e_j + 4N · (G_ii − 1) e_i.
 *
 * Row `i` of the gradient needs only row `i` of `G`, so a block of rows `C = E[a:b]` gets its
 * gradient rows from `C·Eᵀ` alone: memory O(chunk · N), time O(N² · d) per pass.
 *
 * On the wasm backend `Eᵀ` is transposed once per pass and shared by every block, rather than
 * passing matMul's transposeB flag: there the flag falls off XNNPACK onto a naive loop (about 8×
 * slower; see core's `matMulTransposeB`), and a reused right-hand operand is packed once. Other
 * backends pass the flag: the cpu kernel is about 1.5× faster reading `E`'s rows than `Eᵀ`'s.
 */
import { prefersExplicitTranspose } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor2D } from '@synth/core';

/** A float32 scalar tensor. */
type Scalar = Tensor<Rank.R0>;

/** The gradient `∂L/∂E` (same shape as `E`) and the loss `L` (a float32 scalar). */
export interface OrthogonalityGradient {
  readonly gradient: Tensor2D;
  readonly loss: Scalar;
}

/** The right-hand operand of `C·Eᵀ`: `Eᵀ` itself, or `E` with the transposeB flag. */
interface GramOperand {
  readonly tensor: Tensor2D;
  readonly transposeB: boolean;
}

/** Loss and gradient rows of one block of rows. */
function chunkGradient(backend: Backend, embeddings: Tensor2D, gram: GramOperand, start: number, length: number): OrthogonalityGradient {
  const { tf } = backend;
  const [rows, columns] = embeddings.shape;
  return backend.tidy(() => {
    const chunk = tf.slice(embeddings, [start, 0], [length, columns]);
    const dots = tf.matMul(chunk, gram.tensor, false, gram.transposeB); // [length, rows]: this block of G
    // Row k's own column is start + k. Like SAELens, read G_ii from the same matmul, so the loss
    // and the gradient see one set of numbers.
    // Built with equal() rather than oneHot(): tfjs-backend-wasm 4.22 ignores oneHot's float32
    // dtype and writes integer bit patterns (1 reads back as 1.4e-45).
    const columnIds = tf.reshape(tf.range(0, rows, 1, 'int32'), [1, rows]);
    const rowIds = tf.reshape(tf.range(start, start + length, 1, 'int32'), [length, 1]);
    const diagonalMask = tf.cast(tf.equal(columnIds, rowIds), 'float32');
    const offDiagonal = tf.mul(dots, tf.sub(1, diagonalMask));
    const selfDots = tf.sum(tf.mul(dots, diagonalMask), 1, true); // [length, 1]
    const normError = tf.sub(selfDots, 1);
    const gradient = tf.add(tf.mul(tf.matMul(offDiagonal, embeddings), 4), tf.mul(chunk, tf.mul(normError, 4 * rows)));
    const loss = tf.add(tf.sum(tf.square(offDiagonal)), tf.mul(tf.sum(tf.square(normError)), rows));
    return { gradient: gradient as Tensor2D, loss: loss as Scalar };
  });
}

/**
 * `L(E)` and `∂L/∂E` in row blocks of `chunkSize`, calling `onChunk` after each block (SAELens's
 * progress bar ticks once per block too). The result does not depend on `chunkSize` beyond
 * float32 rounding: each gradient row is computed from its own row of `G` either way.
 *
 * @example
 * ```ts
 * const { gradient, loss } = orthogonalityGradient(backend, embeddings, 1024);
 * ```
 * @throws Nothing of its own; `orthogonalizeEmbeddings` validates its inputs.
 */
export function orthogonalityGradient(backend: Backend, embeddings: Tensor2D, chunkSize: number, onChunk?: () => void): OrthogonalityGradient {
  const { tf } = backend;
  const rows = embeddings.shape[0];
  const gradients: Tensor2D[] = [];
  const losses: Scalar[] = [];
  const explicit = prefersExplicitTranspose(backend);
  const gram: GramOperand = { tensor: explicit ? backend.tidy(() => tf.transpose(embeddings)) : embeddings, transposeB: !explicit };
  try {
    for (let start = 0; start < rows; start += chunkSize) {
      const { gradient, loss } = chunkGradient(backend, embeddings, gram, start, Math.min(chunkSize, rows - start));
      gradients.push(gradient);
      losses.push(loss);
      onChunk?.();
    }
    return backend.tidy(() => ({
      gradient: gradients.length === 1 ? tf.clone(gradients[0]!) : tf.concat2d(gradients, 0),
      loss: losses.length === 1 ? tf.clone(losses[0]!) : tf.addN<Scalar>(losses),
    }));
  } finally {
    if (explicit) gram.tensor.dispose();
    tf.dispose([...gradients, ...losses]);
  }
}
