/**
 * The standard (ReLU) SAE with an L1 penalty weighted by decoder norms (SAELens
 * `StandardTrainingSAE`).
 */
import { assertInteger } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor2D } from '@synth/core';
import { initBaseWeights } from './init-weights';
import { assertNumberAtLeast, initRng, resolveBaseConfig } from './sae-config';
import type { SaeBaseConfig, SaeBaseOptions } from './sae-config';
import type { TrainCoefficientConfig, TrainStepGradients, TrainStepInput } from './train-step';
import { TrainingSAE, decoderNorms } from './training-sae';
import type { ForwardResult, SaeParams } from './training-sae';
import { baseShapes, columnSums, encoderGradients, firingCounts, outputGradients, safeReciprocal, takeInitialWeights } from './gradient-helpers';

/** Options of {@link StandardTrainingSAE} (SAELens `StandardTrainingSAEConfig`). */
export interface StandardSaeOptions extends SaeBaseOptions {
  /** Weight of the sparsity penalty (default 1.0; the docs use 5e-2 to 5e-3). */
  readonly l1Coefficient?: number;
  /** p of the per-row p-norm of `z ⊙ ‖W_dec rows‖` (default 1; any p >= 1). */
  readonly lpNorm?: number;
  /** Steps over which `l1Coefficient` warms up linearly from 0 (default 0). */
  readonly l1WarmUpSteps?: number;
}

/** Validated {@link StandardSaeOptions}. */
export interface StandardSaeConfig extends SaeBaseConfig {
  readonly l1Coefficient: number;
  readonly lpNorm: number;
  readonly l1WarmUpSteps: number;
}

/**
 * `z = relu((x − b_dec)·W_enc + b_enc)`, `x̂ = z·W_dec + b_dec`; the training loss is
 * `mse + l1`, with `l1 = coef · mean_b ‖z ⊙ ‖W_dec rows‖‖_p`.
 *
 * @remarks `lpNorm` must be >= 1 (SAELens accepts any float; below 1 the penalty is not a norm and
 * its gradient is unbounded at 0).
 * @example
 * ```ts
 * const sae = new StandardTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, seed: 0 });
 * const z = sae.encode(x);
 * sae.dispose();
 * ```
 * @throws InvalidArgumentError naming the option that breaks a rule.
 */
export class StandardTrainingSAE extends TrainingSAE<StandardSaeConfig> {
  /**
   * @param weights optional starting values by SAELens name (copied), e.g. when loading.
   * @throws InvalidArgumentError naming the option that breaks a rule.
   */
  constructor(backend: Backend, options: StandardSaeOptions, weights?: Readonly<Record<string, Tensor>>) {
    const base = resolveBaseConfig(options);
    const l1Coefficient = options.l1Coefficient ?? 1.0;
    assertNumberAtLeast('l1Coefficient', l1Coefficient, 0);
    const lpNorm = options.lpNorm ?? 1;
    assertNumberAtLeast('lpNorm', lpNorm, 1);
    const l1WarmUpSteps = options.l1WarmUpSteps ?? 0;
    assertInteger('l1WarmUpSteps', l1WarmUpSteps, 0);
    const cfg: StandardSaeConfig = { ...base, l1Coefficient, lpNorm, l1WarmUpSteps };
    super(backend, cfg, takeInitialWeights(backend, baseShapes(cfg), weights, () => initBaseWeights(backend, cfg.dIn, cfg.dSae, cfg.decoderInitNorm, initRng(options))));
  }

  /** `'standard'`. */
  get architecture(): string {
    return 'standard';
  }

  /**
   * `{ l1: { value: l1Coefficient, warmUpSteps: l1WarmUpSteps } }`.
   *
   * @example
   * ```ts
   * sae.getCoefficients().l1.value;
   * ```
   */
  getCoefficients(): Readonly<Record<string, TrainCoefficientConfig>> {
    return { l1: { value: this.cfg.l1Coefficient, warmUpSteps: this.cfg.l1WarmUpSteps } };
  }

  protected forwardEncode(params: SaeParams, x: Tensor2D): ForwardResult {
    const { tf } = this.backend;
    const hiddenPre = tf.add<Tensor2D>(tf.matMul(this.processSaeIn(params, x), params.W_enc), params.b_enc);
    return { hiddenPre, featureActs: tf.relu(hiddenPre) };
  }

  protected auxLosses(params: SaeParams, input: TrainStepInput, result: ForwardResult): Record<string, Tensor<Rank.R0>> {
    const { tf } = this.backend;
    const weighted = tf.mul(result.featureActs, decoderNorms(this.backend, params.W_dec));
    const p = this.cfg.lpNorm;
    const sparsity = p === 1 ? tf.sum(tf.abs(weighted), 1) : tf.pow(tf.sum(tf.pow(tf.abs(weighted), p), 1), 1 / p);
    return { l1_loss: tf.mean(tf.mul(sparsity, input.coefficients.l1!)) };
  }

  protected stepGradients(params: SaeParams, input: TrainStepInput): TrainStepGradients {
    const { tf } = this.backend;
    const x = input.saeIn;
    const batch = x.shape[0];
    const coefficient = input.coefficients.l1!;
    const xc = this.processSaeIn(params, x);
    const pre = tf.add<Tensor2D>(tf.matMul(xc, params.W_enc), params.b_enc);
    const z = tf.relu<Tensor2D>(pre);
    const norms = decoderNorms(this.backend, params.W_dec);
    const output = outputGradients(this.backend, z, params.W_dec, params.b_dec, x);
    // l1 = (coef/B) Σ_b ‖z_b ⊙ n‖_p. With w = z ⊙ n >= 0: ∂/∂w = (coef/B)·g(w), where g = 1 for
    // p = 1 (torch's sign(0) = 0 is irrelevant: the ReLU mask zeroes those entries anyway) and
    // g = w^(p−1)·‖w_b‖^(1−p) otherwise (0 for an all-zero row, as torch's norm backward).
    const weighted = tf.mul(z, norms);
    let l1: Tensor<Rank.R0>;
    let dWeighted: Tensor2D;
    const p = this.cfg.lpNorm;
    if (p === 1) {
      l1 = tf.mul(tf.sum(weighted), coefficient / batch);
      dWeighted = tf.fill<Rank.R2>([batch, this.cfg.dSae], coefficient / batch);
    } else {
      const rowNorm = tf.pow(tf.sum(tf.pow(weighted, p), 1, true), 1 / p);
      l1 = tf.mul(tf.sum(rowNorm), coefficient / batch);
      const safe = tf.where(tf.greater(rowNorm, 0), rowNorm, tf.onesLike(rowNorm));
      dWeighted = tf.mul(tf.div(tf.pow(weighted, p - 1), tf.pow(safe, p - 1)), coefficient / batch);
    }
    const dz = tf.add(output.dLatents, tf.mul(dWeighted, norms));
    const dNorms = columnSums(this.backend, tf.mul(dWeighted, z));
    const dPre = tf.mul<Tensor2D>(dz, tf.step(pre, 0));
    const encoder = encoderGradients(this.backend, xc, dPre, params.W_enc, this.cfg.applyBDecToInput);
    const dW_dec = tf.add(output.dW_dec, tf.mul(params.W_dec, tf.expandDims(tf.mul(dNorms, safeReciprocal(this.backend, norms)), 1)));
    const loss = tf.add<Tensor<Rank.R0>>(output.mse, l1);
    return {
      loss,
      losses: { mse_loss: output.mse, l1_loss: l1 },
      firingCounts: firingCounts(this.backend, z),
      grads: { W_enc: encoder.dW_enc, W_dec: dW_dec, b_enc: encoder.db_enc, b_dec: tf.add(output.db_dec, encoder.db_decFromInput) },
    };
  }

  protected architectureConfigDict(): Record<string, unknown> {
    return { l1_coefficient: this.cfg.l1Coefficient, lp_norm: this.cfg.lpNorm, l1_warm_up_steps: this.cfg.l1WarmUpSteps };
  }
}

