/**
 * One Adam update, written to match `torch.optim.Adam` with its defaults (β₁ 0.9, β₂ 0.999,
 * eps 1e-8, no weight decay, no amsgrad), because SAELens orthogonalises with that optimiser and
 * our results are held to its fixtures.
 */
import type { Backend, Tensor2D } from '@synth/core';

/** torch's default first-moment decay. */
export const ADAM_BETA1 = 0.9;
/** torch's default second-moment decay. */
export const ADAM_BETA2 = 0.999;
/** torch's default epsilon, added after the square root of the bias-corrected second moment. */
export const ADAM_EPSILON = 1e-8;

/** The parameter and Adam's two running moments after an update. */
export interface AdamState {
  readonly param: Tensor2D;
  readonly firstMoment: Tensor2D;
  readonly secondMoment: Tensor2D;
}

/**
 * Applies Adam step number `step` (1-based) to `state` with gradient `gradient`, and returns new
 * tensors (the caller disposes the old ones). In torch's order of operations:
 *
 * - `m ← m + (1 − β₁)(g − m)` (torch's `lerp_`), `v ← β₂v + (1 − β₂)g²`;
 * - `denominator = √v / √(1 − β₂ᵗ) + eps`;
 * - `param ← param − (lr / (1 − β₁ᵗ)) · m / denominator`.
 *
 * The bias corrections are computed in float64 on the host, as torch does for a non-capturable
 * step count.
 *
 * @example
 * ```ts
 * const next = adamStep(backend, state, gradient, 1, 0.01);
 * ```
 * @throws Nothing of its own; the caller validates `lr` and `step`.
 */
export function adamStep(backend: Backend, state: AdamState, gradient: Tensor2D, step: number, lr: number): AdamState {
  const { tf } = backend;
  const biasCorrection1 = 1 - ADAM_BETA1 ** step;
  const biasCorrection2Sqrt = Math.sqrt(1 - ADAM_BETA2 ** step);
  const stepSize = lr / biasCorrection1;
  return backend.tidy(() => {
    const firstMoment = tf.add(state.firstMoment, tf.mul(tf.sub(gradient, state.firstMoment), 1 - ADAM_BETA1));
    const secondMoment = tf.add(tf.mul(state.secondMoment, ADAM_BETA2), tf.mul(tf.square(gradient), 1 - ADAM_BETA2));
    const denominator = tf.add(tf.div(tf.sqrt(secondMoment), biasCorrection2Sqrt), ADAM_EPSILON);
    const param = tf.sub(state.param, tf.mul(tf.div(firstMoment, denominator), stepSize));
    return { param: param as Tensor2D, firstMoment: firstMoment as Tensor2D, secondMoment: secondMoment as Tensor2D };
  });
}
