/**
 * The same loss and gradient as `orthogonality-gradient.ts`, computed through the small `d × d`
 * Gram matrix `M = EᵀE` instead of row blocks of the `N × N` matrix `G = E·Eᵀ`.
 *
 * Both products that the block form needs collapse by associativity:
 *
 *   Σ_j G_ij e_j = (G·E)_i = (E·EᵀE)_i = (E·M)_i,   so   Σ_{j≠i} G_ij e_j = (E·M)_i − G_ii e_i,
 *   Σ_{i,j} G_ij² = ‖E·Eᵀ‖²_F = tr(EᵀE·EᵀE) = ‖M‖²_F,  so  Σ_{i≠j} G_ij² = ‖M‖²_F − Σ_i G_ii²,
 *
 * with `G_ii = ‖e_i‖²`. Hence
 *
 *   ∂L/∂e_i = 4·(E·M)_i + 4·(N·(G_ii − 1) − G_ii)·e_i,
 *   L       = ‖M‖²_F − Σ_i G_ii² + N·Σ_i (G_ii − 1)²,
 *
 * which costs two `N·d²` matmuls (`EᵀE` and `E·M`) instead of two `N²·d` ones: 21× less work at
 * SAELens's 16,384 × 768, and memory O(N·d + d²) instead of O(chunk · N).
 *
 * The price is cancellation. `(E·M)_i` includes the `j = i` term `G_ii e_i ≈ e_i`, which is then
 * subtracted. For N unit vectors in d dimensions `Σ_{j≠i} G_ij²` averages at least `N/d − 1`
 * (its minimum, reached by a tight frame with `EᵀE = (N/d)·I`), so the part kept is at least
 * `N/d − 1` against the `1` removed: with `N ≥ 2d` at most about one bit of the float32 result is
 * lost, while for `N ≈ d` the kept part can be ~1/d of the removed one. `orthogonalizeEmbeddings`
 * therefore uses this form only when `N ≥ 2d` (see {@link prefersGramGradient}), where it is also
 * the cheaper one by a factor `N/d ≥ 2`.
 */
import { matMulTransposeA } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor2D } from '@synth/core';
import type { OrthogonalityGradient } from './orthogonality-gradient';

/** A float32 scalar tensor. */
type Scalar = Tensor<Rank.R0>;

/**
 * Whether {@link gramOrthogonalityGradient} should replace the row-block form for an `[N, d]`
 * matrix: when `N ≥ 2d` (accuracy: see the module comment; work: `N·d²` against `N²·d`).
 *
 * @example
 * ```ts
 * prefersGramGradient(16_384, 768); // true
 * prefersGramGradient(24, 16);      // false
 * ```
 */
export function prefersGramGradient(rows: number, columns: number): boolean {
  return rows >= 2 * columns;
}

/**
 * `L(E)` and `∂L/∂E` through `M = EᵀE`. The gradient rows are computed in blocks of `chunkSize`
 * (temporaries O(chunkSize · d)), calling `onChunk` after each block, so progress ticks as often
 * as with the row-block form.
 *
 * @example
 * ```ts
 * const { gradient, loss } = gramOrthogonalityGradient(backend, embeddings, 1024);
 * ```
 * @throws Nothing of its own; `orthogonalizeEmbeddings` validates its inputs.
 */
export function gramOrthogonalityGradient(backend: Backend, embeddings: Tensor2D, chunkSize: number, onChunk?: () => void): OrthogonalityGradient {
  const { tf } = backend;
  const [rows, columns] = embeddings.shape;
  const gram = matMulTransposeA(backend, embeddings, embeddings); // [d, d]
  const gradients: Tensor2D[] = [];
  const losses: Scalar[] = [backend.tidy(() => tf.sum(tf.square(gram)))];
  try {
    for (let start = 0; start < rows; start += chunkSize) {
      const length = Math.min(chunkSize, rows - start);
      const { gradient, loss } = backend.tidy(() => {
        const chunk = tf.slice(embeddings, [start, 0], [length, columns]);
        const selfDots = tf.sum(tf.square(chunk), 1, true); // [length, 1]: G_ii
        const normError = tf.sub(selfDots, 1);
        // 4·(N·(G_ii − 1) − G_ii)
        const ownWeight = tf.mul(tf.sub(tf.mul(normError, rows), selfDots), 4);
        const rowGradient = tf.add(tf.mul(tf.matMul(chunk, gram), 4), tf.mul(chunk, ownWeight));
        const rowLoss = tf.sub(tf.mul(tf.sum(tf.square(normError)), rows), tf.sum(tf.square(selfDots)));
        return { gradient: rowGradient as Tensor2D, loss: rowLoss as Scalar };
      });
      gradients.push(gradient);
      losses.push(loss);
      onChunk?.();
    }
    return backend.tidy(() => ({
      gradient: gradients.length === 1 ? tf.clone(gradients[0]!) : tf.concat2d(gradients, 0),
      loss: tf.addN<Scalar>(losses),
    }));
  } finally {
    tf.dispose([gram, ...gradients, ...losses]);
  }
}
