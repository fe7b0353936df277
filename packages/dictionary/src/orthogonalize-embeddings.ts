/**
 * `orthogonalizeEmbeddings`: push a set of vectors towards unit length and mutual orthogonality
 * with Adam on SAELens's orthogonality loss (see `orthogonality-gradient.ts`).
 */
import { createProgressReporter, normalizeRows } from '@synth/core';
import type { Backend, ProgressOptions, Tensor2D } from '@synth/core';
import { adamStep } from './adam';
import type { AdamState } from './adam';
import { gramOrthogonalityGradient, prefersGramGradient } from './gram-orthogonality-gradient';
import { orthogonalityGradient } from './orthogonality-gradient';
import { resolveEmbeddings, validateOrthogonalizeSettings } from './orthogonalize-options';

/** Settings of the optimisation, shared by {@link orthogonalizeEmbeddings} and `orthogonalInitializer`. */
export interface OrthogonalizeSettings extends ProgressOptions {
  /** Full Adam steps (each over every row). Default 200. An integer >= 0. */
  readonly numSteps?: number;
  /** Adam learning rate. Default 0.01. A finite number >= 0. */
  readonly lr?: number;
  /** Rows per block of `E·Eᵀ`; memory is O(chunkSize · N). Default 1024. An integer >= 1. */
  readonly chunkSize?: number;
}

/** Options of {@link orthogonalizeEmbeddings}. */
export interface OrthogonalizeOptions extends OrthogonalizeSettings {
  /** The backend that runs the optimisation (and holds the input, if it is a tensor). */
  readonly backend: Backend;
  /** `[rows, columns]` of a `Float32Array` input (row-major). Must be omitted or match for a tensor. */
  readonly shape?: readonly [number, number] | undefined;
}

/** Progress events from {@link orthogonalizeEmbeddings} carry this task name. */
export const ORTHOGONALIZE_TASK = 'orthogonalize';

/**
 * Returns a new `[N, d]` tensor of unit rows that are as close to mutually orthogonal as
 * `numSteps` Adam steps get them, like SAELens's `orthogonalize_embeddings`:
 *
 * 1. copy the input and divide each row by `max(‖row‖, 1e-8)`;
 * 2. run `numSteps` full Adam steps (torch defaults) on
 *    `L = Σ_{i≠j}(e_i·e_j)² + N·Σ_i(e_i·e_i − 1)²`, with the gradient computed analytically,
 *    never forming the N × N matrix `E·Eᵀ`: for `N ≥ 2d` through the `d × d` matrix `EᵀE` (time
 *    O(numSteps · N · d²), memory O(N · d + d²)), otherwise in row blocks of `E·Eᵀ` of
 *    `chunkSize` rows (time O(numSteps · N² · d), memory O(chunkSize · N));
 * 3. row-normalise again.
 *
 * The input is not modified or disposed; the caller owns the result. Progress: one unit per block
 * per step (`numSteps · ceil(N / chunkSize)` in all), with `metrics.loss` the total loss of the
 * previous step (absent during the first step), and a final event with the last step's loss.
 *
 * @remarks Differs from SAELens in form only: the gradient is the closed form rather than
 * autograd (for `N ≥ 2d` regrouped as `E·(EᵀE)`: the same sums in another order, 21× less work
 * at 16,384 × 768, where `chunkSize` then only sets how often progress ticks), so float32 results
 * agree to rounding, not bit for bit; the function is async (it reads the loss for `onProgress`
 * without blocking, and only when a listener is given); and a `Float32Array` plus `shape` is
 * accepted as input. Unlike SAELens it rejects non-finite input and empty matrices instead of
 * returning NaN or an empty result.
 * @example
 * ```ts
 * const backend = await createBackend('wasm');
 * const start = Rng.fromSeed(1).fillNormal(new Float32Array(64 * 16));
 * const vectors = await orthogonalizeEmbeddings(start, { backend, shape: [64, 16], numSteps: 100 });
 * vectors.dispose();
 * ```
 * @throws InvalidArgumentError for a bad `numSteps`, `lr`, `chunkSize`, `shape` or `backend`, a
 * tensor that is not a 2-D float32 tensor with at least one row and column, or a non-finite entry.
 */
export async function orthogonalizeEmbeddings(embeddings: Tensor2D | Float32Array, options: OrthogonalizeOptions): Promise<Tensor2D> {
  const { numSteps, lr, chunkSize, onProgress } = validateOrthogonalizeSettings(options);
  const { backend } = options;
  const start = await resolveEmbeddings(backend, embeddings, options.shape);
  const { tf } = backend;
  const [rows, columns] = start.shape;
  const gradientOf = prefersGramGradient(rows, columns) ? gramOrthogonalityGradient : orthogonalityGradient;
  const progress = createProgressReporter(ORTHOGONALIZE_TASK, numSteps * Math.ceil(rows / chunkSize), onProgress);
  let state: AdamState = backend.tidy(() => {
    const param = normalizeRows(backend, start);
    return { param, firstMoment: tf.zerosLike(param), secondMoment: tf.zerosLike(param) };
  });
  start.dispose();
  let previousLoss: number | undefined;
  try {
    for (let step = 1; step <= numSteps; step++) {
      const metrics = previousLoss === undefined ? undefined : { loss: previousLoss };
      const { gradient, loss } = gradientOf(backend, state.param, chunkSize, () => progress.advance(1, metrics));
      try {
        const next = adamStep(backend, state, gradient, step, lr);
        tf.dispose([state.param, state.firstMoment, state.secondMoment]);
        state = next;
        // Read the loss only for a listener: on a GPU each read waits for the device.
        if (onProgress !== undefined) previousLoss = (await loss.data())[0];
      } finally {
        tf.dispose([gradient, loss]);
      }
    }
    progress.finish(previousLoss === undefined ? undefined : { loss: previousLoss });
    return normalizeRows(backend, state.param);
  } finally {
    tf.dispose([state.param, state.firstMoment, state.secondMoment]);
  }
}
