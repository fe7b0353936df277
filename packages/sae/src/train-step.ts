/**
 * What one training step passes to an SAE and gets back (SAELens `TrainStepInput` /
 * `TrainStepOutput`), plus the gradient bundle synth's trainer consumes.
 */
import type { Rank, Tensor, Tensor1D, Tensor2D } from '@synth/core';

/** A rank-0 tensor. */
export type Scalar = Tensor<Rank.R0>;

/** Input of one training step. */
export interface TrainStepInput {
  /** The (already scaled) batch `[batch, dIn]`. */
  readonly saeIn: Tensor2D;
  /** Current value of each coefficient named by `getCoefficients()` (after warm-up). */
  readonly coefficients: Readonly<Record<string, number>>;
  /** Boolean `[dSae]` mask of latents that have not fired for `deadFeatureWindow` steps, or null. */
  readonly deadNeuronMask: Tensor1D | null;
  /** Number of steps taken before this one. */
  readonly nTrainingSteps: number;
}

/** Output of a training forward pass; the caller owns (and disposes) every tensor. */
export interface TrainStepOutput {
  readonly saeIn: Tensor2D;
  readonly saeOut: Tensor2D;
  readonly featureActs: Tensor2D;
  readonly hiddenPre: Tensor2D;
  /** `mse_loss` plus every auxiliary loss. */
  readonly loss: Scalar;
  /** Each named loss (`mse_loss`, `l1_loss`, `auxiliary_reconstruction_loss`, …). */
  readonly losses: Readonly<Record<string, Scalar>>;
  /** Extra readings, e.g. `topk_threshold`. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Loss, its parts, the latents that fired and the gradient of the loss for every parameter. */
export interface TrainStepGradients {
  readonly loss: Scalar;
  readonly losses: Readonly<Record<string, Scalar>>;
  /** Float `[dSae]`: in how many rows of the batch each latent was non-zero. */
  readonly firingCounts: Tensor1D;
  /** Gradient of `loss` for each parameter, by SAELens name (`W_enc`, `W_dec`, `b_enc`, `b_dec`, …). */
  readonly grads: Readonly<Record<string, Tensor>>;
}

/** One value or a `[value, warmUpSteps]` pair (SAELens `TrainCoefficientConfig`). */
export interface TrainCoefficientConfig {
  readonly value: number;
  readonly warmUpSteps: number;
}
